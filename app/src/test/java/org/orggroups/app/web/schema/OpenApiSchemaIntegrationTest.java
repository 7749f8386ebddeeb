package org.orggroups.app.web.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;

import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;

/**
 * The OpenAPI document at {@code /api/schema/} (README, "API schema"): open to anonymous callers, in JSON and
 * YAML, with Waldur's operation ids and component names, and identical to the committed {@code docs/openapi.json}.
 * Run with {@code -Dopenapi.write=true} to rewrite that file from the served document instead of comparing.
 */
class OpenApiSchemaIntegrationTest extends IntegrationTest {

    /** The committed schema; tests run in the {@code app} module's directory. */
    private static final Path COMMITTED = Path.of("..", "docs", "openapi.json");

    @Test
    void servedSchemaIsTheCommittedOne() throws IOException {
        Response served = call("GET", "/api/schema/", null, null);
        assertThat(served.status()).as(served.toString()).isEqualTo(200);
        String actual = served.body().endsWith("\n") ? served.body() : served.body() + "\n";
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, actual, StandardCharsets.UTF_8);
            return;
        }
        String expected = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        if (!expected.equals(actual)) {
            List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("docs/openapi.json", "served /api/schema/",
                    lines(expected), DiffUtils.diff(lines(expected), lines(actual)), 3);
            throw new AssertionError("The served OpenAPI schema differs from docs/openapi.json. If the change is "
                    + "intended, regenerate the file: ./mvnw -pl app -am test -Dtest=OpenApiSchemaIntegrationTest "
                    + "-Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.write=true\n" + String.join("\n", diff));
        }
    }

    @Test
    void schemaIsJsonByDefaultAndReadableWithoutToken() {
        Response schema = call("GET", "/api/schema/", null, null);
        assertThat(schema.status()).isEqualTo(200);
        assertThat(schema.header("Content-Type")).startsWith("application/json");
        assertThat(schema.json().path("openapi").asText()).startsWith("3.");
        Response withoutSlash = call("GET", "/api/schema", null, null);
        assertThat(withoutSlash.status()).isEqualTo(200);
        assertThat(withoutSlash.body()).isEqualTo(schema.body());
    }

    @Test
    void schemaIsYamlWhenAskedByFormatOrAccept() throws IOException {
        JsonNode json = call("GET", "/api/schema/", null, null).json();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (Response answer : List.of(
                call("GET", "/api/schema/?format=yaml", null, null),
                call("GET", "/api/schema/", null, null, "Accept", "application/yaml"),
                call("GET", "/api/schema/", null, null, "Accept", "application/vnd.oai.openapi"))) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.header("Content-Type")).matches("application/(yaml|vnd\\.oai\\.openapi);charset=UTF-8");
            assertThat(answer.body()).startsWith("openapi:");
            assertThat(yaml.readTree(answer.body())).isEqualTo(json);
        }
    }

    @Test
    void unknownFormatIsNotFound() {
        Response answer = call("GET", "/api/schema/?format=xml", null, null);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"detail\":\"Not found.\"}");
    }

    @Test
    void swaggerUiIsReadableWithoutToken() {
        Response docs = call("GET", "/api/docs/", null, null);
        assertThat(docs.status()).isEqualTo(302);
        Response ui = followRedirects(docs);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.header("Content-Type")).startsWith("text/html");
        assertThat(ui.body()).contains("swagger-ui");
        Response config = call("GET", "/api/schema/openapi/swagger-config", null, null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().path("url").asText()).isEqualTo("/api/schema/");
    }

    @Test
    void schemaNamesWaldursOperationsAndComponents() {
        JsonNode schema = call("GET", "/api/schema/", null, null).json();
        List<String> operationIds = new ArrayList<>();
        schema.path("paths").forEach(path -> path.forEach(operation -> {
            if (operation.has("operationId")) {
                operationIds.add(operation.path("operationId").asText());
            }
        }));
        assertThat(operationIds).contains("organization_groups_list", "organization_groups_count",
                "organization_groups_create", "organization_groups_retrieve", "organization_groups_update",
                "organization_groups_partial_update", "organization_groups_destroy",
                "customers_list", "customers_count", "customers_create", "customers_retrieve", "customers_update",
                "customers_partial_update", "customers_destroy", "customers_update_organization_groups");
        JsonNode components = schema.path("components").path("schemas");
        assertThat(components.has("OrganizationGroup")).isTrue();
        assertThat(components.has("OrganizationGroupRequest")).isTrue();
        assertThat(components.has("PatchedOrganizationGroupRequest")).isTrue();
        assertThat(components.has("OrganizationGroupsRequest")).isTrue();
        assertThat(components.has("Customer")).isTrue();
        assertThat(components.has("CustomerRequest")).isTrue();
        assertThat(components.has("PatchedCustomerRequest")).isTrue();
        assertThat(components.has("ValidationError")).isTrue();
        assertThat(components.has("ErrorDetail")).isTrue();
        JsonNode token = schema.path("components").path("securitySchemes").path("tokenAuth");
        assertThat(token.path("type").asText()).isEqualTo("apiKey");
        assertThat(token.path("in").asText()).isEqualTo("header");
        assertThat(token.path("name").asText()).isEqualTo("Authorization");
    }

    @Test
    void groupListDocumentsItsParametersHeadersAndErrors() {
        JsonNode schema = call("GET", "/api/schema/", null, null).json();
        JsonNode list = schema.path("paths").path("/api/organization-groups/").path("get");
        List<String> names = new ArrayList<>();
        list.path("parameters").forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("as_of", "parent", "page", "page_size", "name", "name_exact", "o");
        list.path("parameters").forEach(p -> {
            if (p.path("name").asText().equals("o")) {
                assertThat(p.path("schema").path("items").path("enum")).extracting(JsonNode::asText)
                        .containsExactly("-customers_count", "-name", "customers_count", "name");
            }
        });
        JsonNode ok = list.path("responses").path("200");
        assertThat(ok.path("headers").has("X-Result-Count")).isTrue();
        assertThat(ok.path("headers").has("Link")).isTrue();
        assertThat(list.path("responses").path("400").path("content").path("application/json").toString())
                .contains("#/components/schemas/ValidationError");
        assertThat(list.path("responses").path("404").path("content").path("application/json").path("schema")
                .path("$ref").asText()).isEqualTo("#/components/schemas/ErrorDetail");
        JsonNode head = schema.path("paths").path("/api/organization-groups/").path("head");
        assertThat(head.path("operationId").asText()).isEqualTo("organization_groups_count");
        JsonNode update = schema.path("paths").path("/api/organization-groups/{uuid}/").path("put");
        assertThat(update.path("responses").has("412")).isTrue();
        assertThat(update.path("responses").path("200").path("headers").has("ETag")).isTrue();
        List<String> updateParameters = new ArrayList<>();
        update.path("parameters").forEach(p -> updateParameters.add(p.path("in").asText() + ":" + p.path("name").asText()));
        assertThat(updateParameters).containsExactlyInAnyOrder("path:uuid", "header:If-Match");
    }

    private Response followRedirects(Response answer) {
        Response current = answer;
        for (int hops = 0; hops < 5 && current.status() / 100 == 3; hops++) {
            current = call("GET", current.header("Location"), null, null);
        }
        return current;
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }
}
