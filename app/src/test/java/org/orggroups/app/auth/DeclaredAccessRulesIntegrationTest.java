package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;

/**
 * The access rules as the filter chain applies them (the table itself is checked by {@link AccessRulesTest}):
 * the cases whose answer was decided with the move to Spring Security's request matchers.
 */
class DeclaredAccessRulesIntegrationTest extends IntegrationTest {

    private static final String NOT_PROVIDED = "{\"detail\":\"Authentication credentials were not provided.\"}";

    @Test
    void staffOnlyPathsAreRefusedWhateverTheirLetterCase() {
        Response response = call("GET", "/API/Users/", null, null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(NOT_PROVIDED);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Token");
    }

    @Test
    void historyInTheQueryStringDoesNotMakeAGroupReadStaffOnly() {
        Response response = call("GET", "/api/organization-groups/?name=%2Fhistory", null, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void historyAnywhereInAnApiPathIsStaffOnly() {
        assertThat(call("GET", "/api/no-such-resource/x/history/", null, null).status()).isEqualTo(401);
    }

    /** HTTP methods are case-sensitive (RFC 9110): {@code get} is an unknown method, which needs a staff user. */
    @Test
    void lowerCaseMethodIsNotARead() {
        Response response = call("get", "/api/organization-groups/", null, null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(NOT_PROVIDED);
    }

    @Test
    void openApiDocumentAndViewerAreReadableAnonymously() {
        for (String path : new String[] {"/api/schema/", "/api/docs/", "/api/swagger-ui/index.html"}) {
            assertThat(call("GET", path, null, null).status()).as(path).isNotIn(401, 403);
            assertThat(call("HEAD", path, null, null).status()).as("HEAD " + path).isNotIn(401, 403);
        }
    }

    @Test
    void writesToTheOpenApiPathsStillNeedStaff() {
        assertThat(call("POST", "/api/schema/", null, "{}").status()).isEqualTo(401);
    }
}
