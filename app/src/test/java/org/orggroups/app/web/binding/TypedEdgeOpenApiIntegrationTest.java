package org.orggroups.app.web.binding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Value;

/**
 * The OpenAPI document describes the typed operations outside groups and customers in Waldur's style: its
 * operation ids, its schema names, every status with its DRF body, the paging headers.
 */
class TypedEdgeOpenApiIntegrationTest extends IntegrationTest {

    @Value("${springdoc.api-docs.path:/v3/api-docs}")
    private String apiDocsPath;

    private JsonNode paths;
    private JsonNode schemas;

    @BeforeEach
    void readDocument() {
        Response response = get(apiDocsPath);
        assertThat(response.status()).isEqualTo(200);
        paths = response.json().get("paths");
        schemas = response.json().at("/components/schemas");
    }

    @Test
    void historyOperationsHaveWaldurIdsHeadersAndErrorBodies() {
        JsonNode list = paths.at("/~1api~1organization-groups~1{uuid}~1history~1/get");
        assertThat(list.get("operationId").asText()).isEqualTo("organization_groups_history_list");
        assertThat(list.at("/responses/200/headers").has("X-Result-Count")).isTrue();
        assertThat(list.at("/responses/200/headers").has("Link")).isTrue();
        assertThat(list.at("/responses/200/content/application~1json/schema/items/$ref").asText())
                .isEqualTo("#/components/schemas/VersionHistory");
        assertThat(list.at("/responses/404/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ErrorDetail");
        assertThat(list.at("/responses/400/content/application~1json/schema/type").asText()).isEqualTo("object");
        assertThat(list.at("/responses/400/content/application~1json/schema/description").asText())
                .contains("a string for a timestamp");
        assertThat(list.at("/responses/401/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ErrorDetail");
        assertThat(list.at("/responses/403/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ErrorDetail");
        assertThat(parameterNames(list)).contains("uuid", "created_after", "created_before", "page", "page_size");
        assertThat(paths.at("/~1api~1customers~1{uuid}~1history~1/get/operationId").asText())
                .isEqualTo("customers_history_list");
        assertThat(paths.at("/~1api~1customers~1{uuid}~1history~1at~1/get/operationId").asText())
                .isEqualTo("customers_history_at_retrieve");
        assertThat(paths.at("/~1api~1organization-groups~1{uuid}~1history~1at~1/get/operationId").asText())
                .isEqualTo("organization_groups_history_at_retrieve");
    }

    @Test
    void everyOperationHasWaldurStyleIdOnceUnderItsSlashedPath() {
        assertThat(operationId("/api/audit-events/", "get")).isEqualTo("audit_events_list");
        assertThat(operationId("/api/users/", "get")).isEqualTo("users_list");
        assertThat(operationId("/api/users/", "post")).isEqualTo("users_create");
        assertThat(operationId("/api/users/{uuid}/", "get")).isEqualTo("users_retrieve");
        assertThat(operationId("/api-auth/password/", "post")).isEqualTo("api_auth_password");
        assertThat(operationId("/api/reports/organization-groups/", "get")).isEqualTo("reports_organization_groups_list");
        assertThat(operationId("/api/reports/organization-groups/{uuid}/membership/", "get"))
                .isEqualTo("reports_organization_groups_membership_list");
        assertThat(operationId("/api/organization-groups/{uuid}/stats/", "get"))
                .isEqualTo("organization_groups_stats_retrieve");
        assertThat(operationId("/api/projections/", "get")).isEqualTo("projections_list");
        assertThat(operationId("/api/projections/{name}/", "get")).isEqualTo("projections_retrieve");
        assertThat(operationId("/api/projections/{name}/rebuild/", "post")).isEqualTo("projections_rebuild");
        for (String withoutSlash : java.util.List.of("/api/audit-events", "/api/users", "/api/users/{uuid}",
                "/api-auth/password", "/api/reports/organization-groups", "/api/projections",
                "/api/projections/{name}/rebuild", "/api/organization-groups/{uuid}/history")) {
            assertThat(paths.has(withoutSlash)).as(withoutSlash).isFalse();
        }
    }

    @Test
    void offeringOperationsHaveWaldurIdsAndComponents() {
        String offerings = "/api/marketplace-provider-offerings/";
        String plans = "/api/marketplace-plans/";
        String catalogue = "/api/marketplace-public-offerings/";
        assertThat(operationId(offerings, "get")).isEqualTo("marketplace_provider_offerings_list");
        assertThat(operationId(offerings, "head")).isEqualTo("marketplace_provider_offerings_count");
        assertThat(operationId(offerings, "post")).isEqualTo("marketplace_provider_offerings_create");
        assertThat(operationId(offerings + "{uuid}/", "get")).isEqualTo("marketplace_provider_offerings_retrieve");
        assertThat(operationId(offerings + "{uuid}/update_organization_groups/", "post"))
                .isEqualTo("marketplace_provider_offerings_update_organization_groups");
        assertThat(operationId(offerings + "{uuid}/delete_organization_groups/", "post"))
                .isEqualTo("marketplace_provider_offerings_delete_organization_groups");
        assertThat(operationId(offerings + "{uuid}/allowed_customers/", "get"))
                .isEqualTo("marketplace_provider_offerings_allowed_customers_list");
        assertThat(operationId(offerings + "{uuid}/order_check/", "get"))
                .isEqualTo("marketplace_provider_offerings_order_check_retrieve");
        assertThat(operationId(plans, "post")).isEqualTo("marketplace_plans_create");
        assertThat(operationId(plans + "{uuid}/update_organization_groups/", "post"))
                .isEqualTo("marketplace_plans_update_organization_groups");
        assertThat(operationId(catalogue, "get")).isEqualTo("marketplace_public_offerings_list");
        assertThat(operationId(catalogue + "{uuid}/plans/", "get")).isEqualTo("marketplace_public_offerings_plans_list");
        assertThat(operationId(catalogue + "{uuid}/plans/{plan_uuid}/", "get"))
                .isEqualTo("marketplace_public_offerings_plans_retrieve");
        assertThat(operation(offerings, "post").at("/responses/201/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ProviderOfferingDetails");
        assertThat(operation(plans + "{uuid}/", "get").at("/responses/200/content/application~1json/schema/$ref")
                .asText()).isEqualTo("#/components/schemas/ProviderPlanDetails");
        assertThat(operation(offerings + "{uuid}/update_organization_groups/", "post")
                .at("/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/OrganizationGroupsRequest");
        assertThat(parameterNames(operation(catalogue, "get"))).contains("customer", "customer_uuid", "shared",
                "organization_group_uuid", "allowed_customer_uuid", "o", "name", "name_exact", "page", "page_size");
    }

    @Test
    void responsesNameWaldurSchemasAndDescribeHeadersAndRefusals() {
        JsonNode report = operation("/api/reports/organization-groups/", "get");
        assertThat(report.at("/responses/200/content/application~1json/schema/items/$ref").asText())
                .isEqualTo("#/components/schemas/OrganizationGroupStats");
        assertThat(report.at("/responses/200/content").has("text/csv")).isTrue();
        assertThat(report.at("/responses/200/headers").has("X-Event-Position")).isTrue();
        assertThat(report.at("/responses/200/headers").has("X-Projection-Lag")).isTrue();
        assertThat(report.at("/responses/200/headers").has("X-Result-Count")).isTrue();
        assertThat(parameterNames(report)).contains("parent", "name", "o", "page", "page_size", "format");

        JsonNode membership = operation("/api/reports/organization-groups/{uuid}/membership/", "get");
        JsonNode interval = parameter(membership, "interval");
        assertThat(interval.at("/schema/enum").toString()).isEqualTo("[\"day\",\"week\",\"month\"]");
        assertThat(membership.at("/responses/200/content/application~1json/schema/items/$ref").asText())
                .isEqualTo("#/components/schemas/OrganizationGroupMembershipPoint");

        JsonNode login = operation("/api-auth/password/", "post");
        assertThat(login.at("/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ObtainAuthTokenRequest");
        assertThat(login.at("/requestBody/content").has("application/x-www-form-urlencoded")).isTrue();
        assertThat(login.at("/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/CoreAuthToken");
        assertThat(login.at("/responses").has("429")).isTrue();
        assertThat(login.at("/responses").has("403")).isFalse();

        JsonNode create = operation("/api/users/", "post");
        assertThat(create.at("/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/UserRequest");
        assertThat(create.at("/responses/201/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/User");
        assertThat(create.at("/responses/201/headers").has("Location")).isTrue();
        // field errors, or {"detail": ...} for a body that is not JSON
        assertThat(create.at("/responses/400/content/application~1json/schema/oneOf/0/$ref").asText())
                .isEqualTo("#/components/schemas/ValidationError");
        assertThat(create.at("/responses/400/content/application~1json/schema/oneOf/1/$ref").asText())
                .isEqualTo("#/components/schemas/ErrorDetail");

        JsonNode audit = operation("/api/audit-events/", "get");
        assertThat(audit.at("/responses/200/content/application~1json/schema/items/$ref").asText())
                .isEqualTo("#/components/schemas/AuditEvent");
        assertThat(parameterNames(audit)).contains("aggregate_uuid", "event_type", "user_uuid", "correlation_id",
                "created_after", "created_before", "page", "page_size");

        JsonNode rebuild = operation("/api/projections/{name}/rebuild/", "post");
        assertThat(rebuild.at("/responses/202/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Projection");
        assertThat(rebuild.at("/responses/409/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ErrorDetail");
        assertThat(parameter(rebuild, "name").at("/in").asText()).isEqualTo("path");
        assertThat(rebuild.at("/responses/401/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ErrorDetail");
    }

    @Test
    void nullableObjectsAndTheSerializedResourceAreObjects() {
        assertThat(schemas.at("/VersionHistory/properties/serialized_data/type").asText()).isEqualTo("object");
        // OpenAPI 3.0 has no null type, and a $ref takes no siblings: the referenced schema itself is nullable.
        assertThat(schemas.at("/VersionHistory/properties/revision_user/$ref").asText())
                .isEqualTo("#/components/schemas/RevisionUser");
        assertThat(schemas.at("/RevisionUser/nullable").asBoolean()).isTrue();
        assertThat(schemas.at("/AuditEvent/properties/user/$ref").asText())
                .isEqualTo("#/components/schemas/AuditEventUser");
        assertThat(schemas.at("/AuditEventUser/nullable").asBoolean()).isTrue();
    }

    private JsonNode operation(String path, String method) {
        JsonNode operation = paths.path(path).path(method);
        assertThat(operation.isMissingNode()).as(method + " " + path).isFalse();
        return operation;
    }

    private String operationId(String path, String method) {
        return operation(path, method).path("operationId").asText();
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode p : operation.path("parameters")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no parameter " + name);
    }

    private static java.util.List<String> parameterNames(JsonNode operation) {
        java.util.List<String> names = new java.util.ArrayList<>();
        operation.path("parameters").forEach(p -> names.add(p.get("name").asText()));
        return names;
    }
}
