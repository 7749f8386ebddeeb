package org.orggroups.app.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;

/**
 * {@code Accept} and {@code Content-Type} are checked before a write acts (API.md section 1, "media type"): a
 * refused request is answered in JSON and records nothing.
 */
class ContentNegotiationIntegrationTest extends IntegrationTest {

    private static final String GROUPS = "/api/organization-groups/";
    private static final String NOT_ACCEPTABLE = "{\"detail\":\"Could not satisfy the request Accept header.\"}";

    @Test
    void writesWhoseAcceptExcludesJsonAre406AndRecordNothing() {
        String group = newGroup("Kept", null);
        String customer = newCustomer("Kept customer");
        long events = events();
        for (String accept : new String[] {"application/xml", "text/html", "text/plain, text/html",
                "application/json;q=0", "not a media type"}) {
            assertNotAcceptable(call("POST", GROUPS, adminToken(), json(Map.of("name", "Duplicate")), "Accept", accept), accept);
            assertNotAcceptable(call("PUT", GROUPS + group + "/", adminToken(), json(Map.of("name", "X")), "Accept", accept), accept);
            assertNotAcceptable(call("PATCH", GROUPS + group + "/", adminToken(), json(Map.of("name", "X")), "Accept", accept), accept);
            assertNotAcceptable(call("DELETE", GROUPS + group + "/", adminToken(), null, "Accept", accept), accept);
            assertNotAcceptable(call("POST", "/api/customers/" + customer + "/update_organization_groups/", adminToken(),
                    json(Map.of("organization_groups", java.util.List.of(linkOfGroup(group)))), "Accept", accept), accept);
        }
        assertThat(events()).isEqualTo(events);
        assertThat(get(GROUPS).header("X-Result-Count")).isEqualTo("1");
        assertThat(get(GROUPS + group + "/").json().get("name").asText()).isEqualTo("Kept");
    }

    /** Also for the formats of libraries the service carries (YAML for the OpenAPI document): answers are JSON. */
    @Test
    void aReadWhoseAcceptExcludesJsonIs406InJson() {
        String group = newGroup("Kept", null);
        for (String accept : new String[] {"application/xml", "application/yaml", "application/cbor",
                "application/x-jackson-smile", "text/xml", "text/csv"}) {
            assertNotAcceptable(call("GET", GROUPS, null, null, "Accept", accept), accept);
            assertNotAcceptable(call("GET", GROUPS + group + "/", null, null, "Accept", accept), accept);
            assertNotAcceptable(call("GET", "/api/marketplace-public-offerings/", null, null, "Accept", accept), accept);
        }
    }

    /** Quality 0 is HTTP's "not acceptable", for reads as for writes. */
    @Test
    void aReadWhoseAcceptGivesJsonQualityZeroIs406() {
        newGroup("Kept", null);
        for (String accept : new String[] {"application/json;q=0", "*/*;q=0", "application/json;q=0, text/html"}) {
            assertNotAcceptable(call("GET", GROUPS, null, null, "Accept", accept), accept);
            assertNotAcceptable(call("GET", "/api/marketplace-public-offerings/", null, null, "Accept", accept), accept);
        }
        Response weighted = call("GET", GROUPS, null, null, "Accept", "text/html;q=0, application/json;q=0.5");
        assertThat(weighted.status()).isEqualTo(200);
    }

    @Test
    void acceptHeadersThatIncludeJsonAreServed() {
        for (String accept : new String[] {"*/*", "application/*", "application/json; charset=utf-8",
                "application/json, text/html", "text/html;q=0.9, */*;q=0.1"}) {
            Response created = call("POST", GROUPS, adminToken(), json(Map.of("name", accept)), "Accept", accept);
            assertThat(created.status()).as(accept).isEqualTo(201);
            assertThat(created.header("Content-Type")).startsWith("application/json");
        }
        Response noAccept = call("POST", GROUPS, adminToken(), json(Map.of("name", "no accept")));
        assertThat(noAccept.status()).isEqualTo(201);
        assertThat(get(GROUPS).header("X-Result-Count")).isEqualTo("6");
    }

    @Test
    void aBodyThatIsNotDeclaredJsonIs415AndRecordsNothing() {
        String group = newGroup("Kept", null);
        long events = events();
        byte[] body = "{\"name\":\"Plain\"}".getBytes(StandardCharsets.UTF_8);
        for (String type : new String[] {"text/plain", "application/xml", "foo", "text/plain; charset=utf-8"}) {
            String expected = "{\"detail\":\"Unsupported media type \\\"" + type + "\\\" in request.\"}";
            for (String[] request : new String[][] {{"POST", GROUPS}, {"PATCH", GROUPS + group + "/"},
                    {"PUT", GROUPS + group + "/"}, {"POST", "/api/customers/"}}) {
                Response response = RawHttp.withBody(port, request[0], request[1], adminToken(), type, body);
                assertThat(response.status()).as(type + " " + request[0]).isEqualTo(415);
                assertThat(response.header("Content-Type")).startsWith("application/json");
                assertThat(response.body()).isEqualTo(expected);
            }
        }
        assertThat(events()).isEqualTo(events);
        assertThat(get(GROUPS).header("X-Result-Count")).isEqualTo("1");
    }

    /** A form with a file field, as {@code curl -F name=x} sends it: no endpoint takes one, so it is 415 too. */
    @Test
    void aMultipartFormIs415AndRecordsNothing() {
        String group = newGroup("Kept", null);
        long events = events();
        String type = "multipart/form-data; boundary=xyz";
        byte[] body = ("--xyz\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nForm\r\n--xyz--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        String expected = "{\"detail\":\"Unsupported media type \\\"" + type + "\\\" in request.\"}";
        for (String[] request : new String[][] {{"POST", GROUPS}, {"PATCH", GROUPS + group + "/"},
                {"POST", "/api/customers/"}}) {
            Response response = RawHttp.withBody(port, request[0], request[1], adminToken(), type, body);
            assertThat(response.status()).as(request[0] + " " + request[1]).isEqualTo(415);
            assertThat(response.body()).isEqualTo(expected);
        }
        assertThat(events()).isEqualTo(events);
        assertThat(get(GROUPS + group + "/").json().get("name").asText()).isEqualTo("Kept");
    }

    @Test
    void anEmptyBodyIsAnEmptyObjectWhateverItsType() {
        Response response = RawHttp.withBody(port, "POST", GROUPS, adminToken(), "text/plain", new byte[0]);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"name\":[\"This field is required.\"]}");
    }

    @Test
    void aBodyWithoutContentTypeIs415WithAnEmptyType() {
        Response response = RawHttp.withBody(port, "POST", GROUPS, adminToken(), null,
                "{\"name\":\"Bare\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Unsupported media type \\\"\\\" in request.\"}");
        assertThat(get(GROUPS).header("X-Result-Count")).isEqualTo("0");
    }

    @Test
    void jsonContentTypesWithCharsetOrSuffixAreRead() {
        for (String type : new String[] {"application/json", "application/json; charset=utf-8",
                "Application/JSON", "application/merge-patch+json", "application/vnd.api+json"}) {
            Response response = RawHttp.withBody(port, "POST", GROUPS, adminToken(), type,
                    json(Map.of("name", type)).getBytes(StandardCharsets.UTF_8));
            assertThat(response.status()).as(type).isEqualTo(201);
        }
        assertThat(get(GROUPS).header("X-Result-Count")).isEqualTo("5");
    }

    @Test
    void overlongUtf8IsAParseErrorNotASlash() {
        byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}'};
        Response response = RawHttp.withBody(port, "POST", GROUPS, adminToken(), "application/json", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"detail\":\"JSON parse error - 'utf-8' codec can't decode byte 0xc0"
                + " in position 9: invalid start byte\"}");
        assertThat(get(GROUPS).header("X-Result-Count")).isEqualTo("0");
    }

    @Test
    void parentLinksWithControlCharactersAreNoUrlMatch() {
        String parent = newGroup("Parent", null);
        for (String tail : new String[] {"\u0000", "\t", "\n", "\r\n", "\u007f"}) {
            Map<String, Object> body = Map.of("name", "Child", "parent", linkOfGroup(parent) + tail);
            Response response = post(GROUPS, body);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"parent\":[\"Invalid hyperlink - No URL match.\"]}");
        }
        Response embedded = post(GROUPS, Map.of("name", "Child",
                "parent", baseUrl() + GROUPS + "\t" + parent + "/"));
        assertThat(embedded.body()).isEqualTo("{\"parent\":[\"Invalid hyperlink - No URL match.\"]}");
        Response item = post("/api/customers/" + newCustomer("C") + "/update_organization_groups/",
                Map.of("organization_groups", java.util.List.of(linkOfGroup(parent) + "\n")));
        assertThat(item.body()).isEqualTo("{\"organization_groups\":[\"Invalid hyperlink - No URL match.\"]}");
        assertThat(get(GROUPS).header("X-Result-Count")).isEqualTo("1");
    }

    private static void assertNotAcceptable(Response response, String accept) {
        assertThat(response.status()).as(accept).isEqualTo(406);
        assertThat(response.header("Content-Type")).as(accept).isEqualTo("application/json");
        assertThat(response.header("X-Correlation-ID")).as(accept).isNotBlank();
        assertThat(response.body()).as(accept).isEqualTo(NOT_ACCEPTABLE);
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }
}
