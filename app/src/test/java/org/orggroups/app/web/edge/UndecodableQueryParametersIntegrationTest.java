package org.orggroups.app.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;

/**
 * A query parameter whose escapes are not valid ({@code %ZZ}, a cut {@code %2}) is read as Django reads it, the bad
 * escape as written, instead of being dropped by Tomcat: a filter that quietly did not apply would answer the whole
 * list (API.md section 1: only parameters a resource does not know are ignored).
 */
class UndecodableQueryParametersIntegrationTest extends IntegrationTest {

    private static final String GROUPS = "/api/organization-groups/";

    @Test
    void aNameFilterWithABadEscapeMatchesItLiterally() {
        String literal = newGroup("Sale 100%ZZ off", null);
        newGroup("Other", null);
        newGroup("Cut ab%2", null);

        Response bad = raw(GROUPS + "?name=%ZZ");
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.header("X-Result-Count")).isEqualTo("1");
        assertThat(uuids(bad)).containsExactly(literal);

        Response cut = raw(GROUPS + "?name=ab%2");
        assertThat(cut.header("X-Result-Count")).isEqualTo("1");
        assertThat(cut.json().get(0).get("name").asText()).isEqualTo("Cut ab%2");

        // the other parameters apply as before; the unknown one holding the bad escape is ignored
        Response others = raw(GROUPS + "?name=oth&zz=%E0%A4%A&o=name");
        assertThat(others.status()).isEqualTo(200);
        assertThat(others.header("X-Result-Count")).isEqualTo("1");
        assertThat(others.json().get(0).get("name").asText()).isEqualTo("Other");
    }

    @Test
    void aUuidOrATimeWithABadEscapeIs400() {
        newGroup("Any", null);
        Response parent = raw(GROUPS + "?parent=%ZZ");
        assertThat(parent.status()).isEqualTo(400);
        assertThat(parent.body()).isEqualTo("{\"parent\":[\"Enter a valid UUID.\"]}");

        Response asOf = raw(GROUPS + "?as_of=%ZZ");
        assertThat(asOf.status()).isEqualTo(400);
        assertThat(asOf.body()).isEqualTo("{\"as_of\":[\"Invalid timestamp format.\"]}");
    }

    @Test
    void aPageLinkKeepsTheValueAsRead() {
        for (int i = 0; i < 3; i++) {
            newGroup("Page %ZZA " + i, null);
        }
        newGroup("Page %ZZ", null);
        // a bad escape beside a good one: read as "%ZZA", not kept whole as written
        Response first = raw(GROUPS + "?name=%ZZ%41&page_size=2");
        assertThat(first.header("X-Result-Count")).isEqualTo("3");
        // Python's quote_plus of "%ZZA"
        assertThat(first.header("Link")).contains("name=%25ZZA&").contains("page=2");
    }

    /** A form's parameters are in its body, which Tomcat reads with the query: they are left to Tomcat. */
    @Test
    void aLoginFormIsReadWhateverTheQuery() {
        Response login = RawHttp.withBody(port, "POST", "/api-auth/password/?x=%ZZ", adminToken(),
                "application/x-www-form-urlencoded",
                ("username=" + ADMIN_USERNAME + "&password=" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().get("token").asText()).hasSize(40);
    }

    @Test
    void aFormBodyIsStillRefusedWhateverTheQuery() {
        Response form = RawHttp.withBody(port, "POST", GROUPS + "?x=%ZZ", adminToken(),
                "application/x-www-form-urlencoded", "name=Form".getBytes(StandardCharsets.UTF_8));
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.body()).isEqualTo(
                "{\"detail\":\"Unsupported media type \\\"application/x-www-form-urlencoded\\\" in request.\"}");
        assertThat(get(GROUPS).header("X-Result-Count")).isEqualTo("0");
    }

    private Response raw(String pathAndQuery) {
        return RawHttp.send(port, "GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nAuthorization: Token " + adminToken() + "\r\n").asResponse();
    }

    private static List<String> uuids(Response response) {
        List<String> uuids = new ArrayList<>();
        for (JsonNode group : response.json()) {
            uuids.add(group.get("uuid").asText());
        }
        return uuids;
    }
}
