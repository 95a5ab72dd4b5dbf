# The consumer app's tests on the local twin, run by
#   npx cdk-secure-cognito-api-twin run -- python -m pytest tests
# The twin's state file (TWIN_STATE) has the endpoints, clients and users. Every client kind of
# the app signs in the way its clients do and calls the API: 200, 401 and 403 as AWS answers.
import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request

import pytest

STATE = json.load(open(os.environ["TWIN_STATE"]))
STACKS = {s["stackName"]: s for s in STATE["stacks"]}
USER = STATE["users"][0]


def client(stack, name):
    return next(c for c in stack["clients"] if c["name"] == name)


def call(stack, path, token=None, method="GET"):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    request = urllib.request.Request(stack["apiUrl"] + path, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request) as res:
            return res.status, res.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def method1(stack, c):
    """The brief's Method 1: InitiateAuth USER_PASSWORD_AUTH with SECRET_HASH, one raw POST."""
    digest = hmac.new(c["clientSecret"].encode(), (USER["username"] + c["clientId"]).encode(), hashlib.sha256).digest()
    body = {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": c["clientId"], "AuthParameters": {
        "USERNAME": USER["username"], "PASSWORD": USER["password"], "SECRET_HASH": base64.b64encode(digest).decode()}}
    request = urllib.request.Request(stack["cognitoIdpUrl"], data=json.dumps(body).encode(), headers={
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth"})
    return json.load(urllib.request.urlopen(request))["AuthenticationResult"]["AccessToken"]


def token_endpoint(stack, form, c=None):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if c:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{c['clientId']}:{c['clientSecret']}".encode()).decode()
    request = urllib.request.Request(stack["tokenUrl"], data=urllib.parse.urlencode(form).encode(), headers=headers)
    return json.load(urllib.request.urlopen(request))["access_token"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def hosted_ui(stack, c, response_type, extra=None):
    """What a browser does on the sign-in page: GET it, POST the form, read the callback it redirects to."""
    query = {"client_id": c["clientId"], "response_type": response_type, "redirect_uri": c["callbackUrls"][0], **(extra or {})}
    page = urllib.request.urlopen(stack["hostedUiUrl"] + "/oauth2/authorize?" + urllib.parse.urlencode(query)).read().decode()
    session = re.search(r'name="session" value="([^"]+)"', page).group(1)
    action = urllib.parse.urljoin(stack["hostedUiUrl"] + "/oauth2/authorize", re.search(r'<form method="post" action="([^"]+)"', page).group(1))
    form = urllib.parse.urlencode({"session": session, "username": USER["username"], "password": USER["password"]}).encode()
    try:
        urllib.request.build_opener(NoRedirect).open(action, data=form)
    except urllib.error.HTTPError as e:
        return urllib.parse.urlparse(e.headers["Location"])
    raise AssertionError("the sign-in form did not redirect")


def test_no_token_is_refused_with_401():
    for stack in STACKS.values():
        assert call(stack, "/") == (401, '{"message":"Unauthorized"}')


def test_cli_signs_in_with_method_1_on_both_stacks():
    for stack in STACKS.values():
        assert call(stack, "/", method1(stack, client(stack, "cli"))) == (200, f"Hello, World! I am {USER['username']}!")


def test_a_token_without_the_routes_scope_gets_403():
    brief = STACKS["SecureCognitoApiBrief"]
    assert call(brief, "/items", method1(brief, client(brief, "cli")), method="POST")[0] == 403


def test_machine_client_credentials():
    brief = STACKS["SecureCognitoApiBrief"]
    machine = client(brief, "machine")
    write = token_endpoint(brief, {"grant_type": "client_credentials", "scope": "api/write"}, machine)
    read = token_endpoint(brief, {"grant_type": "client_credentials", "scope": "api/read"}, machine)
    assert call(brief, "/items", write, method="POST")[0] == 200
    assert call(brief, "/items", read, method="POST")[0] == 403


def test_web_client_code_and_pkce():
    brief = STACKS["SecureCognitoApiBrief"]
    web = client(brief, "web")
    verifier = secrets.token_urlsafe(32)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    landed = hosted_ui(brief, web, "code", {"scope": " ".join(web["scopes"]), "code_challenge": challenge, "code_challenge_method": "S256"})
    code = urllib.parse.parse_qs(landed.query)["code"][0]
    token = token_endpoint(brief, {"grant_type": "authorization_code", "client_id": web["clientId"], "code": code,
                                   "redirect_uri": web["callbackUrls"][0], "code_verifier": verifier})
    assert call(brief, "/", token) == (200, f"Hello, World! I am {USER['username']}!")


def test_implicit_client():
    brief = STACKS["SecureCognitoApiBrief"]
    implicit = client(brief, "implicit")
    landed = hosted_ui(brief, implicit, "token", {"scope": " ".join(implicit["scopes"])})
    token = urllib.parse.parse_qs(landed.fragment)["access_token"][0]
    assert call(brief, "/", token) == (200, f"Hello, World! I am {USER['username']}!")


def test_the_python_handler_answers_through_the_twin():
    brief = STACKS["SecureCognitoApiBrief"]
    status, body = call(brief, "/python", method1(brief, client(brief, "cli")))
    assert (status, json.loads(body)) == (200, {"greeting": "Hello from Python", "caller": USER["username"]})


@pytest.mark.parametrize("stack", ["SecureCognitoApiDefault", "SecureCognitoApiBrief"])
def test_the_state_file_has_both_stacks(stack):
    assert STACKS[stack]["apis"][0]["url"] == STACKS[stack]["apiUrl"]
