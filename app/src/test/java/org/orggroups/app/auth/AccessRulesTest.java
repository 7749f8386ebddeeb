package org.orggroups.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessRulesTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /api/organization-groups/",
            "GET, /api/organization-groups",
            "HEAD, /api/organization-groups/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/",
            "GET, /api/organization-groups/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/stats/",
            "GET, /api/reportsx/",
            "OPTIONS, /api/organization-groups/",
            "GET, /api/customers/",
            "GET, /api/customers",
            "GET, /api/customers/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70",
            "POST, /api-auth/password/",
            "POST, /api-auth/password",
            "GET, /actuator/health",
            "GET, /actuator/health/liveness",
            "GET, /actuator/info/",
            "GET, /actuator/health/readiness",
            "GET, /actuator/prometheus",
            "GET, /",
            "DELETE, /nowhere",
            "GET, /error",
            "GET, /api/no-such-resource/",
            "GET, /api/marketplace-public-offerings/",
            "HEAD, /api/marketplace-public-offerings/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/plans/",
            "OPTIONS, /api/marketplace-provider-offerings/",
    })
    void openRequests(String method, String path) {
        assertThat(AccessRules.staffOnly(method, path)).isFalse();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POST, /api/organization-groups/",
            "POST, /api/organization-groups",
            "PUT, /api/organization-groups/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/",
            "PATCH, /api/organization-groups/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70",
            "DELETE, /api/customers/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/",
            "POST, /api/customers/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/update_organization_groups/",
            "GET, /api/organization-groups/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/history/",
            "GET, /api/organization-groups/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/history",
            "GET, /api/organization-groups/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/history/at/",
            "HEAD, /api/customers/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/history/",
            "GET, /API/Customers/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/HISTORY/",
            "GET, /api/users/",
            "GET, /api/users",
            "GET, /API/USERS/",
            "OPTIONS, /api/users/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/",
            "POST, /api/users/",
            "GET, /api/projections/",
            "GET, /api/projections",
            "GET, /API/Projections/group-view/",
            "POST, /api/projections/group-view/rebuild/",
            "GET, /api/audit-events/",
            "GET, /api/audit-events",
            "HEAD, /API/Audit-Events/",
            "GET, /api/reports/organization-groups/",
            "GET, /api/reports/organization-groups/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/membership/",
            "GET, /api/reports",
            "DELETE, /api/no-such-resource/",
            "GET, /actuator",
            "GET, /actuator/metrics",
            "GET, /actuator/healthz",
            "POST, /api/marketplace-provider-offerings/",
            "POST, /api/marketplace-provider-offerings/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/update_organization_groups/",
            "POST, /api/marketplace-plans/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/delete_organization_groups",
            "GET, /api/marketplace-provider-offerings/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/order_check/",
            "HEAD, /api/marketplace-provider-offerings/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/order_check",
            "GET, /API/Marketplace-Provider-Offerings/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/Allowed_Customers/",
            "GET, /api/marketplace-provider-offerings/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/history/",
            "GET, /api/marketplace-plans/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/history/at/",
            "POST, /api/marketplace-public-offerings/",
    })
    void staffOnlyRequests(String method, String path) {
        assertThat(AccessRules.staffOnly(method, path)).isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /api/marketplace-provider-offerings/",
            "HEAD, /api/marketplace-provider-offerings",
            "GET, /api/marketplace-provider-offerings/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/",
            "GET, /api/marketplace-plans/",
            "GET, /API/Marketplace-Plans/6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70/",
    })
    void requestsOfAnyAuthenticatedUser(String method, String path) {
        assertThat(AccessRules.access(method, path)).isEqualTo(AccessRules.Access.AUTHENTICATED);
    }
}
