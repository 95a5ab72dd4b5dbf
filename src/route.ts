import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * A route of the HTTP API, always behind the JWT authorizer.
 */
export interface AddRouteOptions {
  /**
   * The path, starting with `/`, e.g. `/items/{id}` or `/files/{proxy+}`.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
   */
  readonly path: string;

  /**
   * The HTTP methods. Explicit methods only: `ANY` and `OPTIONS` are refused, so a CORS
   * preflight is always answered by API Gateway and never reaches the authorizer.
   *
   * @default [HttpMethod.GET]
   */
  readonly methods?: apigwv2.HttpMethod[];

  /**
   * The OAuth scopes that grant access. A token needs at least one of them. Full scope names,
   * e.g. `api/write` (see `SecureCognitoApi.scope()`), `openid` or `aws.cognito.signin.user.admin`.
   * At least one and at most 10: a route without scopes would accept ID tokens.
   *
   * @default - the scopes of the default route, which every configured client can carry
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
   */
  readonly scopes?: string[];

  /**
   * Groups whose members may call the route: the scopes `groupScopes` gives them are added to
   * the route's scopes. Without `scopes`, the route takes the groups' scopes alone, so only
   * their members (and clients allowed those scopes) get through.
   *
   * @default - no group: the route's scopes are `scopes`
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
   */
  readonly groups?: string[];

  /**
   * The function that serves the route.
   *
   * @default - the construct's handler
   */
  readonly handler?: lambda.IFunction;
}
