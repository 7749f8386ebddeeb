package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;

/**
 * The operator's command lines (README, "Operations") start the application without a web server, as the jar's
 * {@code main} does: every bean must do without one. Run next to this test's own service, on its database.
 */
class OperatorCommandIntegrationTest extends IntegrationTest {

    @Test
    void rebuildOfTheViewsRunsWithoutAWebServerAndSucceeds() {
        String group = "/api/organization-groups/" + newGroupUuid() + "/";

        int status = OrgGroupsApplication.runCommand("rebuild", "views", "--spring.profiles.active=test");

        assertThat(status).isZero();
        assertThat(call("GET", group, null, null).status()).isEqualTo(200);
    }

    @Test
    void aUsageErrorIsStatusTwo() {
        assertThat(OrgGroupsApplication.runCommand("rebuild", "--spring.profiles.active=test")).isEqualTo(2);
    }

    private String newGroupUuid() {
        Response created = call("POST", "/api/organization-groups/", adminToken(), json(Map.of("name", "Kept")));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("uuid").asText();
    }
}
