/**
 * Resource-server scopes that the members of a user pool group carry on their access tokens.
 *
 * A built-in pre-token-generation trigger (event version V2_0) adds them when Cognito issues the
 * tokens: on sign-in through the hosted UI, `InitiateAuth` (script clients), and refresh. A route
 * opens to the group with `addRoute({ groups: [...] })`, or with the scopes themselves.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 */
export interface GroupScopes {
  /**
   * The group, one of `SecureCognitoApiProps.groups`.
   */
  readonly group: string;

  /**
   * Names of resource-server scopes (e.g. `admin`, not `api/admin`) added to the access tokens of
   * the group's members. At least one. A scope that no app client may request
   * (`resourceServerScopes` of the clients) is one that only the group grants.
   *
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
   */
  readonly scopes: string[];
}
