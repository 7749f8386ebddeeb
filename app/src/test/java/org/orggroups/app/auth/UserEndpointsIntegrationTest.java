package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

class UserEndpointsIntegrationTest extends AuthIntegrationTest {

    @Test
    void staffCreatesAUserAndGets201WithExactlyTheWaldurFields() {
        String username = uniqueUsername("carol");

        Response response = post("/api/users/", Map.of(
                "username", username, "password", PASSWORD, "full_name", "Carol Jones", "is_staff", false));

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        String uuid = body.get("uuid").asText();
        assertThat(uuid).matches("[0-9a-f]{32}");
        String url = baseUrl() + "/api/users/" + uuid + "/";
        assertThat(response.body()).isEqualTo("{\"uuid\":\"" + uuid + "\",\"url\":\"" + url + "\",\"username\":\""
                + username + "\",\"full_name\":\"Carol Jones\",\"is_staff\":false}");
        assertThat(response.header("Location")).isEqualTo(url);
    }

    @Test
    void theNewUserCanLogIn() {
        String username = uniqueUsername("dave");
        createUser(username, PASSWORD, false);

        assertThat(login(username, PASSWORD)).matches("[0-9a-f]{40}");
    }

    @Test
    void optionalFieldsDefaultToEmptyNameAndNotStaff() {
        String username = uniqueUsername("erin");

        Response response = post("/api/users", Map.of("username", username, "password", PASSWORD));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("full_name").asText()).isEmpty();
        assertThat(response.json().get("is_staff").asBoolean()).isFalse();
    }

    @Test
    void urlsFollowTheForwardedHeadersOfAProxy() {
        Response response = call("POST", "/api/users/", adminToken(),
                json(Map.of("username", uniqueUsername("proxied"), "password", PASSWORD)),
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "waldur.example.org", "X-Forwarded-Port", "443");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("url").asText())
                .matches("https://waldur\\.example\\.org/api/users/[0-9a-f]{32}/");
    }

    @Test
    void takenUsernameIs400() {
        String username = uniqueUsername("frank");
        createUser(username, PASSWORD, false);

        Response response = post("/api/users/", Map.of("username", username, "password", PASSWORD));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"username\":[\"A user with that username already exists.\"]}");
    }

    @Test
    void shortPasswordIs400() {
        Response response = post("/api/users/", Map.of("username", uniqueUsername("gina"), "password", "1234567"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(
                "{\"password\":[\"This password is too short. It must contain at least 8 characters.\"]}");
    }

    @Test
    void missingFieldsAreAllReportedInFieldOrder() {
        Response response = post("/api/users/", Map.of("full_name", "Nobody"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(
                "{\"username\":[\"This field is required.\"],\"password\":[\"This field is required.\"]}");
    }

    @Test
    void blankUsernameIs400() {
        Response response = post("/api/users/", Map.of("username", "   ", "password", PASSWORD));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"username\":[\"This field may not be blank.\"]}");
    }

    @Test
    void usernameOver150CharactersIs400() {
        Response response = post("/api/users/", Map.of("username", "u".repeat(151), "password", PASSWORD));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(
                "{\"username\":[\"Ensure this field has no more than 150 characters.\"]}");
    }

    @Test
    void malformedJsonIs400JsonParseError() {
        Response response = call("POST", "/api/users/", adminToken(), "{\"username\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asText()).startsWith("JSON parse error - ");
    }

    @Test
    void listIsOrderedByUsername() {
        String zed = uniqueUsername("zed");
        String abe = uniqueUsername("abe");
        createUser(zed, PASSWORD, false);
        createUser(abe, PASSWORD, false);

        Response response = call("GET", "/api/users/?page_size=300", adminToken(), null);

        assertThat(response.status()).isEqualTo(200);
        List<String> usernames = new ArrayList<>();
        response.json().forEach(user -> usernames.add(user.get("username").asText()));
        assertThat(usernames).contains(ADMIN_USERNAME, zed, abe).isSorted();
        assertThat(response.json().get(0).fieldNames()).toIterable()
                .containsExactly("uuid", "url", "username", "full_name", "is_staff");
    }

    @Test
    void listIsPagedLikeEveryList() {
        createUser(uniqueUsername("paged"), PASSWORD, false);
        long users = jdbc.queryForObject("select count(*) from app_user", Long.class);

        Response first = call("GET", "/api/users/?page_size=1", adminToken(), null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json()).hasSize(1);
        assertThat(first.header("X-Result-Count")).isEqualTo(Long.toString(users));
        assertThat(first.header("Link")).isEqualTo(
                "<" + baseUrl() + "/api/users/?page_size=1>; rel=\"first\", "
                        + "<" + baseUrl() + "/api/users/?page=2&page_size=1>; rel=\"next\", "
                        + "<" + baseUrl() + "/api/users/?page=" + users + "&page_size=1>; rel=\"last\"");
        Response past = call("GET", "/api/users/?page_size=1&page=" + (users + 1), adminToken(), null);
        assertThat(past.status()).isEqualTo(404);
        assertThat(past.body()).isEqualTo("{\"detail\":\"Invalid page.\"}");
    }

    @Test
    void detailAcceptsHexOrDashedUuidInAnyCase() {
        String username = uniqueUsername("hank");
        String uuid = createUser(username, PASSWORD, true).json().get("uuid").asText();
        String dashed = uuidFromHex(uuid).toString().toUpperCase();

        for (String path : new String[] {"/api/users/" + uuid + "/", "/api/users/" + uuid,
                "/api/users/" + dashed + "/"}) {
            Response response = call("GET", path, adminToken(), null);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.json().get("username").asText()).isEqualTo(username);
            assertThat(response.json().get("is_staff").asBoolean()).isTrue();
        }
    }

    @Test
    void unknownOrMalformedUuidIs404() {
        for (String id : new String[] {"6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70", "not-a-uuid"}) {
            Response response = call("GET", "/api/users/" + id + "/", adminToken(), null);
            assertThat(response.status()).as(id).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"detail\":\"Not found.\"}");
        }
    }

    @Test
    void nonStaffGets403OnEveryUsersEndpoint() {
        String token = nonStaffToken();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", uniqueUsername("sneaky"));
        body.put("password", PASSWORD);
        body.put("is_staff", true);

        for (Response response : List.of(
                call("GET", "/api/users/", token, null),
                call("GET", "/api/users/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/", token, null),
                call("POST", "/api/users/", token, json(body)))) {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.body())
                    .isEqualTo("{\"detail\":\"You do not have permission to perform this action.\"}");
        }
    }

    @Test
    void anonymousGets401OnTheUsersList() {
        Response response = call("GET", "/api/users", null, null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Authentication credentials were not provided.\"}");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Token");
    }

    @Test
    void anEncodedPathCannotSlipPastTheRules() {
        for (String path : new String[] {"/ap%69/users/", "/api/%75sers", "/api/Users/"}) {
            Response response = call("GET", path, null, null);
            assertThat(response.status()).as(path).isIn(400, 401, 404);
            assertThat(response.body()).as(path).doesNotContain(ADMIN_USERNAME);
        }
        assertThat(call("GET", "/ap%69/users/", null, null).status()).isEqualTo(401);
    }

    private static UUID uuidFromHex(String hex) {
        return UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
    }
}
