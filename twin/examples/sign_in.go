package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
)

type twinState struct {
	CognitoIdpUrl, ApiUrl string
	Clients               []struct{ Kind, ClientId, ClientSecret string }
	Users                 []struct{ Username, Password string }
}

func main() {
	var state twinState
	raw, _ := os.ReadFile(os.Getenv("TWIN_STATE"))
	json.Unmarshal(raw, &state)
	user := state.Users[0]
	for _, cli := range state.Clients {
		if cli.Kind != "passwordAuth" {
			continue
		}
		mac := hmac.New(sha256.New, []byte(cli.ClientSecret))
		mac.Write([]byte(user.Username + cli.ClientId))
		body, _ := json.Marshal(map[string]any{"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": cli.ClientId, "AuthParameters": map[string]string{
			"USERNAME": user.Username, "PASSWORD": user.Password, "SECRET_HASH": base64.StdEncoding.EncodeToString(mac.Sum(nil))}})
		req, _ := http.NewRequest("POST", state.CognitoIdpUrl, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
		req.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		var auth struct{ AuthenticationResult struct{ AccessToken string } }
		json.NewDecoder(res.Body).Decode(&auth)
		call, _ := http.NewRequest("GET", state.ApiUrl+"/", nil)
		call.Header.Set("Authorization", "Bearer "+auth.AuthenticationResult.AccessToken)
		answer, err := http.DefaultClient.Do(call)
		if err != nil {
			panic(err)
		}
		text, _ := io.ReadAll(answer.Body)
		fmt.Println(string(text))
		return
	}
}
