exports.handler = async (event) => {
  const claims = event.requestContext.authorizer.jwt.claims;
  return { statusCode: 200, body: JSON.stringify({ route: event.routeKey, caller: claims.username || claims.client_id }) };
};
