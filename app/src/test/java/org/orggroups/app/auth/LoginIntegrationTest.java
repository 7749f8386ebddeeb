package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LoginIntegrationTest extends AuthIntegrationTest {

    @Test
    void rightPasswordGivesA40HexToken() {
        Response response = loginCall(Map.of("username", ADMIN_USERNAME, "password", ADMIN_PASSWORD));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().size()).isEqualTo(1);
        assertThat(response.json().get("token").asText()).matches("[0-9a-f]{40}");
        assertThat(response.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void everyLoginIssuesANewTokenAndEarlierTokensKeepWorking() {
        String username = uniqueUsername("twice");
        createUser(username, PASSWORD, true);

        String first = login(username, PASSWORD);
        String second = login(username, PASSWORD);

        assertThat(second).isNotEqualTo(first);
        assertThat(call("GET", "/api/users/", first, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/users/", second, null).status()).isEqualTo(200);
    }

    @Test
    void loginWorksWithoutTheTrailingSlash() {
        Response response = call("POST", "/api-auth/password", null,
                json(Map.of("username", ADMIN_USERNAME, "password", ADMIN_PASSWORD)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("token").asText()).matches("[0-9a-f]{40}");
    }

    @Test
    void loginAcceptsAFormBodyLikeDrf() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api-auth/password/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + ADMIN_USERNAME + "&password=" + ADMIN_PASSWORD))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("token").asText()).matches("[0-9a-f]{40}");
    }

    @Test
    void wrongPasswordIs401InvalidUsernamePassword() {
        String username = uniqueUsername("wrong");
        createUser(username, PASSWORD, false);

        Response response = loginCall(Map.of("username", username, "password", "not-the-password"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Invalid username/password\"}");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Token");
    }

    @Test
    void unknownUsernameIsAnsweredLikeAWrongPassword() {
        Response response = loginCall(Map.of("username", uniqueUsername("nobody"), "password", PASSWORD));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Invalid username/password\"}");
    }

    @Test
    void inactiveUserCannotLogIn() {
        String username = uniqueUsername("gone");
        createUser(username, PASSWORD, true);
        jdbc.update("update app_user set is_active = false where username = ?", username);

        Response response = loginCall(Map.of("username", username, "password", PASSWORD));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Invalid username/password\"}");
    }

    @Test
    void missingPasswordIs401FieldRequired() {
        Response response = loginCall(Map.of("username", ADMIN_USERNAME));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"password\":[\"This field is required.\"]}");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Token");
    }

    @Test
    void missingUsernameIsReportedBeforeMissingPassword() {
        Response response = loginCall(Map.of());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"username\":[\"This field is required.\"]}");
    }

    @Test
    void blankUsernameIs401FieldRequired() {
        Response response = loginCall(Map.of("username", "  ", "password", PASSWORD));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"username\":[\"This field is required.\"]}");
    }
}
