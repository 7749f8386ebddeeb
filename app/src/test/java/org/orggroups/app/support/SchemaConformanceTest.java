package org.orggroups.app.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The checker that every integration test's answers go through refuses what the schema does not describe, and lets
 * through what it does: without these cases a checker that accepted everything would look the same as a true schema.
 */
class SchemaConformanceTest {

    private static final String GROUP_UUID = "6dfc0e3a9b7c4d2e8f1a2b3c4d5e6f70";
    private static final URI DETAIL = URI.create("http://localhost/api/organization-groups/" + GROUP_UUID + "/");
    private static final URI LIST = URI.create("http://localhost/api/organization-groups/?page=1");
    private static final Map<String, List<String>> JSON_TYPE = Map.of("content-type", List.of("application/json"));
    private static final Map<String, List<String>> GROUP_HEADERS = Map.of(
            "content-type", List.of("application/json"), "etag", List.of("\"0\""));
    private static final String GROUP = "{\"uuid\":\"" + GROUP_UUID + "\",\"url\":\"" + DETAIL + "\",\"name\":\"Nordic\","
            + "\"parent\":null,\"customers_count\":0}";

    private final SchemaConformance schema = SchemaConformance.committed();

    @Test
    void aGroupAsTheContractRendersItIsDescribed() {
        assertThatCode(() -> schema.check("GET", DETAIL, 200, GROUP, GROUP_HEADERS)).doesNotThrowAnyException();
        assertThatCode(() -> schema.check("GET", URI.create("http://localhost/api/organization-groups/" + GROUP_UUID),
                200, GROUP, GROUP_HEADERS)).doesNotThrowAnyException();
        assertThatCode(() -> schema.check("HEAD", DETAIL, 200, "", GROUP_HEADERS)).doesNotThrowAnyException();
    }

    @Test
    void aGroupWithoutItsUuidIsRefusedNamingTheOperation() {
        assertThatThrownBy(() -> schema.check("GET", DETAIL, 200, GROUP.replace("\"uuid\":\"" + GROUP_UUID + "\",", ""),
                GROUP_HEADERS))
                .isInstanceOf(AssertionError.class).hasMessageContaining("organization_groups_retrieve")
                .hasMessageContaining("uuid");
    }

    @Test
    void aDashedUuidIsNotTheRenderedForm() {
        String dashed = GROUP.replace("\"uuid\":\"" + GROUP_UUID, "\"uuid\":\"6dfc0e3a-9b7c-4d2e-8f1a-2b3c4d5e6f70");
        assertThatThrownBy(() -> schema.check("GET", DETAIL, 200, dashed, GROUP_HEADERS))
                .isInstanceOf(AssertionError.class).hasMessageContaining("pattern");
    }

    @Test
    void aStatusTheOperationDoesNotDeclareIsRefused() {
        assertThatThrownBy(() -> schema.check("GET", DETAIL, 418, "{\"detail\":\"I'm a teapot.\"}", JSON_TYPE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("status 418 is not in the schema");
    }

    @Test
    void aDeclaredHeaderMustBeSent() {
        assertThatThrownBy(() -> schema.check("GET", LIST, 200, "[]",
                Map.of("content-type", List.of("application/json"), "link", List.of("<x>; rel=\"first\""))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("X-Result-Count");
    }

    @Test
    void aHeadAnswerHasNoBody() {
        assertThatThrownBy(() -> schema.check("HEAD", DETAIL, 200, GROUP, GROUP_HEADERS))
                .isInstanceOf(AssertionError.class).hasMessageContaining("body");
        assertThatCode(() -> schema.check("HEAD", URI.create("http://localhost/api/organization-groups/?page=9"), 404,
                "", JSON_TYPE)).doesNotThrowAnyException();
        assertThatThrownBy(() -> schema.check("HEAD", URI.create("http://localhost/api/organization-groups/?page=9"),
                404, "{\"detail\":\"Invalid page.\"}", JSON_TYPE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("a HEAD answer has a body");
    }

    @Test
    void outsideTheSchemaErrorsAreErrorDetails() {
        URI unknown = URI.create("http://localhost/api/nothing-here/");
        assertThatCode(() -> schema.check("GET", unknown, 404, "{\"detail\":\"Not found.\"}", JSON_TYPE))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> schema.check("GET", unknown, 404, "<html>Not found</html>",
                Map.of("content-type", List.of("text/html"))))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ErrorDetail");
        assertThatThrownBy(() -> schema.check("GET", unknown, 200, "[]", JSON_TYPE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("does not list");
    }

    @Test
    void aMethodThePathDoesNotHaveIsA405WithAllow() {
        assertThatCode(() -> schema.check("POST", DETAIL, 405, "{\"detail\":\"Method \\\"POST\\\" not allowed.\"}",
                Map.of("content-type", List.of("application/json"), "allow", List.of("GET, PUT, PATCH, DELETE"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> schema.check("POST", DETAIL, 405, "{\"detail\":\"Method \\\"POST\\\" not allowed.\"}",
                JSON_TYPE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Allow");
    }

    @Test
    void anErrorMustHaveTheDeclaredMediaTypeAndASuccessTheDeclaredShape() {
        URI history = URI.create("http://localhost/api/organization-groups/" + GROUP_UUID + "/history/");
        assertThatCode(() -> schema.check("GET", history, 403,
                "{\"detail\":\"You do not have permission to perform this action.\"}", JSON_TYPE))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> schema.check("GET", history, 403, "forbidden", Map.of()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Content-Type null is not declared");
        assertThatThrownBy(() -> schema.check("GET", history, 200, "{\"id\":1}", JSON_TYPE))
                .isInstanceOf(AssertionError.class).hasMessageContaining("array");
    }
}
