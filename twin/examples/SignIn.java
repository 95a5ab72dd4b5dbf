import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

// Jackson is on every Java CDK app's classpath (the jsii runtime depends on it).
public class SignIn {
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode state = json.readTree(Files.readString(Path.of(System.getenv("TWIN_STATE"))));
        JsonNode user = state.get("users").get(0);
        JsonNode cli = null;
        for (JsonNode c : state.get("clients")) if (c.get("kind").asText().equals("passwordAuth")) cli = c;
        String username = user.get("username").asText(), clientId = cli.get("clientId").asText();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(cli.get("clientSecret").asText().getBytes(), "HmacSHA256"));
        var body = json.createObjectNode().put("AuthFlow", "USER_PASSWORD_AUTH").put("ClientId", clientId);
        body.putObject("AuthParameters").put("USERNAME", username).put("PASSWORD", user.get("password").asText())
            .put("SECRET_HASH", Base64.getEncoder().encodeToString(mac.doFinal((username + clientId).getBytes())));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> auth = http.send(HttpRequest.newBuilder(URI.create(state.get("cognitoIdpUrl").asText()))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        String token = json.readTree(auth.body()).get("AuthenticationResult").get("AccessToken").asText();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(state.get("apiUrl").asText() + "/"))
            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(answer.body());
    }
}
