package org.orggroups.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;

/**
 * Requests that the servlet container itself refuses, before any application code runs, still get a JSON
 * body in DRF's shape (API.md section 1: never an HTML page).
 */
class MalformedRequestIntegrationTest extends IntegrationTest {

    @Test
    void anEncodedSlashOrBackslashInThePathGetsAJsonError() {
        for (String path : new String[] {"/api/organization-groups/a%2Fb/", "/api/a%5Cb/"}) {
            Response response = get(path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/json");
            assertThat(response.body()).as(path).isEqualTo("{\"detail\":\"Malformed request.\"}");
        }
    }
}
