package org.orggroups.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks an answer of the service against the committed schema, {@code docs/openapi.json} (API.md section 11):
 * {@link IntegrationTest#call} hands it every answer, so the whole HTTP suite proves the schema true.
 * <p>
 * The request's method and path select the operation (a path without its trailing slash selects the same one, as
 * the service serves both). Then:
 * <ul>
 * <li>A status the operation declares: status, {@code Content-Type}, every header the answer declares (they are
 * required there) and the JSON body are checked by swagger-request-validator; an answer declared without content
 * must have no body.</li>
 * <li>{@code HEAD} on a path with no {@code HEAD} operation: checked as its {@code GET}. An answer to {@code HEAD}
 * never has a body, also where the schema declares one (an error).</li>
 * <li>A status the operation does not declare fails, and so does a body whose {@code Content-Type} the status does not
 * declare.</li>
 * <li>A method the path does not have: a 4xx with an {@code ErrorDetail} body, and {@code Allow} with a 405.
 * {@code OPTIONS} may instead succeed with {@code Allow}.</li>
 * <li>A path the schema does not have: an error must be an {@code ErrorDetail} JSON body (a 400 may be field errors).
 * Under {@code /api/} and {@code /api-auth/}, where the API lives, only the schema document and its viewer
 * ({@code /api/schema/...}, {@code /api/docs/}, {@code /api/swagger-ui/...}) may succeed: they describe the API and are not operations of it.
 * Elsewhere (the Swagger UI's files, actuator) a success is not checked.</li>
 * </ul>
 * A violation is an {@link AssertionError} naming the request, the operation, the status and what is wrong.
 */
public final class SchemaConformance {

    /** The committed schema; tests run in the {@code app} module's directory. */
    private static final Path COMMITTED = Path.of("..", "docs", "openapi.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{[^/}]+}");
    private static final List<String> METHODS = List.of("get", "head", "post", "put", "patch", "delete", "options", "trace");

    private static SchemaConformance committed;

    private final JsonNode document;
    private final OpenApiInteractionValidator validator;
    private final List<Route> routes = new ArrayList<>();

    private SchemaConformance(String text) {
        try {
            this.document = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(text)
                .build();
        document.path("paths").fieldNames().forEachRemaining(path -> routes.add(new Route(path)));
        // a literal segment beats a template variable where both match (none do today; cheap to get right)
        routes.sort((a, b) -> Long.compare(b.literalSegments(), a.literalSegments()));
    }

    /** @return the checker of {@code docs/openapi.json}, read once per JVM */
    public static synchronized SchemaConformance committed() {
        if (committed == null) {
            try {
                committed = new SchemaConformance(Files.readString(COMMITTED, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + COMMITTED.toAbsolutePath(), e);
            }
        }
        return committed;
    }

    /**
     * Checks one answer.
     *
     * @param method  the request's method, as sent
     * @param uri     the request's URI
     * @param status  the answer's status
     * @param body    the answer's body, empty when none
     * @param headers the answer's headers
     * @throws AssertionError when the schema does not describe the answer
     */
    public void check(String method, URI uri, int status, String body, Map<String, List<String>> headers) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String verb = method.toUpperCase(Locale.ROOT);
        Route route = route(path);
        Answer answer = new Answer(verb + " " + path, status, body, headers);
        if (route == null) {
            unlistedPath(path, answer);
            return;
        }
        JsonNode item = document.path("paths").path(route.template());
        String schemaPath = route.concrete(path);
        JsonNode operation = item.path(verb.toLowerCase(Locale.ROOT));
        if (operation.isObject()) {
            declared(schemaPath, verb, operation, answer, false);
        } else if (verb.equals("HEAD") && item.path("get").isObject()) {
            declared(schemaPath, "GET", item.path("get"), answer, true);
        } else {
            unlistedMethod(route.template(), verb, item, answer);
        }
    }

    private void declared(String schemaPath, String verb, JsonNode operation, Answer answer, boolean headOfGet) {
        String name = operation.path("operationId").asText("?") + (headOfGet ? " (HEAD as its GET)" : "");
        JsonNode responses = operation.path("responses");
        String status = Integer.toString(answer.status());
        int checkedStatus = answer.status();
        if (!responses.has(status) && !responses.has("default")) {
            answer.fail(name, "status " + status + " is not in the schema (it declares " + keys(responses) + ")");
        }
        if (answer.isHead() && !answer.body().isEmpty()) {
            answer.fail(name, "a HEAD answer has a body");
        }
        JsonNode declaredResponse = responses.has(Integer.toString(checkedStatus))
                ? responses.path(Integer.toString(checkedStatus)) : responses.path("default");
        if (!declaredResponse.has("content") && !answer.body().isEmpty()) {
            answer.fail(name, "the schema declares no body for status " + checkedStatus + ", the answer has one");
        }
        if (declaredResponse.has("content") && !answer.isHead() && !answer.body().isEmpty()
                && !mediaTypeDeclared(declaredResponse.path("content"), answer.contentType())) {
            // the validator checks a body only against the media type the answer names
            answer.fail(name, "Content-Type " + answer.contentType() + " is not declared for status " + checkedStatus
                    + " (it declares " + keys(declaredResponse.path("content")) + ")");
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(checkedStatus);
        answer.headers().forEach((header, values) -> {
            if (header != null) {
                response.withHeader(header, values);
            }
        });
        if (answer.contentType() != null) {
            response.withContentType(answer.contentType());
        }
        if (!answer.isHead() && !answer.body().isEmpty()) {
            response.withBody(answer.body());
        }
        ValidationReport report = validator.validateResponse(schemaPath, Request.Method.valueOf(verb), response.build());
        List<String> problems = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() != ValidationReport.Level.ERROR) {
                continue;
            }
            if (answer.isHead() && message.getKey().equals("validation.response.body.missing")) {
                continue; // an answer to HEAD never has a body, whatever the GET (or the error) would carry
            }
            problems.add(message.getKey() + ": " + message.getMessage()
                    + (message.getNestedMessages().isEmpty() ? "" : " " + message.getNestedMessages()));
        }
        if (!problems.isEmpty()) {
            answer.fail(name, String.join("\n  ", problems));
        }
    }

    private void unlistedMethod(String template, String verb, JsonNode item, Answer answer) {
        String where = verb + " on " + template + " (not in the schema)";
        if (verb.equals("OPTIONS") && answer.status() / 100 == 2) {
            if (answer.header("Allow") == null) {
                answer.fail(where, "an OPTIONS answer without Allow");
            }
            return;
        }
        if (answer.status() / 100 != 4) {
            answer.fail(where, "a method the path does not have must be refused with a 4xx, not " + answer.status()
                    + " (the path has " + methodsOf(item) + ")");
        }
        if (answer.status() == 405 && answer.header("Allow") == null) {
            answer.fail(where, "405 without Allow");
        }
        errorDetail(where, answer);
    }

    private void unlistedPath(String path, Answer answer) {
        String where = "path " + path + " (not in the schema)";
        if (answer.status() >= 400) {
            if (answer.status() == 400 && isValidationError(answer.json())) {
                return;
            }
            errorDetail(where, answer);
            return;
        }
        boolean api = path.startsWith("/api/") || path.startsWith("/api-auth/") || path.equals("/api");
        boolean describesTheApi = path.equals("/api/schema") || path.startsWith("/api/schema/")
                || path.equals("/api/docs") || path.equals("/api/docs/") || path.startsWith("/api/swagger-ui/");
        if (api && !describesTheApi) {
            answer.fail(where, "status " + answer.status() + " for a path of the API that the schema does not list");
        }
    }

    private static void errorDetail(String where, Answer answer) {
        if (answer.isHead()) {
            if (!answer.body().isEmpty()) {
                answer.fail(where, "a HEAD answer has a body");
            }
            return; // the error's body is what the GET would carry, and HEAD carries none
        }
        JsonNode body = answer.json();
        if (!answer.isJson() || body == null || !body.isObject() || body.size() != 1
                || !body.path("detail").isTextual()) {
            answer.fail(where, "expected an ErrorDetail body {\"detail\": \"...\"} as application/json");
        }
    }

    private static boolean isValidationError(JsonNode body) {
        if (body == null || !body.isObject() || body.isEmpty()) {
            return false;
        }
        for (JsonNode value : body) {
            if (!value.isArray() || !allText(value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean mediaTypeDeclared(JsonNode content, String contentType) {
        if (contentType == null) {
            return false;
        }
        String bare = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (Iterator<String> types = content.fieldNames(); types.hasNext(); ) {
            String type = types.next();
            if (type.equals(bare) || type.equals("*/*")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static List<String> methodsOf(JsonNode item) {
        return METHODS.stream().filter(m -> item.path(m).isObject()).map(m -> m.toUpperCase(Locale.ROOT)).toList();
    }

    private Route route(String path) {
        for (String candidate : path.endsWith("/") ? List.of(path) : List.of(path, path + "/")) {
            for (Route route : routes) {
                if (route.matches(candidate)) {
                    return route;
                }
            }
        }
        return null;
    }

    /** A path of the schema, as a pattern over request paths. */
    private record Route(String template, Pattern pattern) {

        Route(String template) {
            this(template, Pattern.compile(toRegex(template)));
        }

        private static String toRegex(String template) {
            StringBuilder regex = new StringBuilder();
            int last = 0;
            var matcher = TEMPLATE_VARIABLE.matcher(template);
            while (matcher.find()) {
                regex.append(Pattern.quote(template.substring(last, matcher.start()))).append("[^/]+");
                last = matcher.end();
            }
            regex.append(Pattern.quote(template.substring(last)));
            return regex.toString();
        }

        boolean matches(String path) {
            return pattern.matcher(path).matches() || pattern.matcher(path + "/").matches();
        }

        /** @return the request's path with the trailing slash of the schema's path */
        String concrete(String path) {
            return path.endsWith("/") || !template.endsWith("/") ? path : path + "/";
        }

        long literalSegments() {
            return template.chars().filter(c -> c == '/').count() - TEMPLATE_VARIABLE.matcher(template).results().count();
        }
    }

    /** One answer, and how to report what is wrong with it. */
    private record Answer(String request, int status, String body, Map<String, List<String>> headers) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        boolean isHead() {
            return request.startsWith("HEAD ");
        }

        String contentType() {
            return header("Content-Type");
        }

        boolean isJson() {
            String type = contentType();
            return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
        }

        JsonNode json() {
            try {
                return body.isEmpty() ? null : JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        void fail(String operation, String problem) {
            String shown = body.length() > 600 ? body.substring(0, 600) + "..." : body;
            throw new AssertionError("The schema (docs/openapi.json) does not describe this answer.\n"
                    + "  request:   " + request + "\n"
                    + "  operation: " + operation + "\n"
                    + "  status:    " + status + ", Content-Type: " + contentType() + "\n"
                    + "  problem:   " + problem + "\n"
                    + "  body:      " + shown);
        }
    }
}
