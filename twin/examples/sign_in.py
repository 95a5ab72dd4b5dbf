import base64, hashlib, hmac, json, os, urllib.request

state = json.load(open(os.environ["TWIN_STATE"]))
cli = next(c for c in state["clients"] if c["kind"] == "passwordAuth")
user = state["users"][0]
digest = hmac.new(cli["clientSecret"].encode(), (user["username"] + cli["clientId"]).encode(), hashlib.sha256).digest()
body = {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": cli["clientId"], "AuthParameters": {
    "USERNAME": user["username"], "PASSWORD": user["password"], "SECRET_HASH": base64.b64encode(digest).decode()}}
auth = urllib.request.Request(state["cognitoIdpUrl"], json.dumps(body).encode(), {
    "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth"})
token = json.load(urllib.request.urlopen(auth))["AuthenticationResult"]["AccessToken"]
call = urllib.request.Request(state["apiUrl"] + "/", headers={"Authorization": f"Bearer {token}"})
print(urllib.request.urlopen(call).read().decode())
