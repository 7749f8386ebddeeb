package org.orggroups.app.web.schema;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.swagger.v3.oas.annotations.Hidden;

import org.orggroups.app.web.error.ApiException;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.webmvc.api.OpenApiWebMvcResource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Serves the OpenAPI 3 document springdoc generates at {@code /api/schema/}, where Waldur (drf-spectacular)
 * serves its own: JSON by default; YAML for {@code ?format=yaml} or an {@code Accept} of
 * {@code application/yaml} or {@code application/vnd.oai.openapi}. Open to anonymous callers. {@code /api/docs/}
 * leads to the Swagger UI, which reads the document from here.
 */
@Hidden
@RestController
// The operator commands run without a web server, and springdoc's web resource exists only with one.
@ConditionalOnWebApplication
public class SchemaController {

    static final String PATH = "/api/schema/";
    private static final MediaType OPENAPI_YAML = MediaType.parseMediaType("application/vnd.oai.openapi");
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final OpenApiWebMvcResource openApi;

    /**
     * @param openApi    springdoc's document
     * @param mappers    springdoc's writers of the document
     * @param properties springdoc's settings, {@code writer-with-order-by-keys} among them
     */
    public SchemaController(OpenApiWebMvcResource openApi, ObjectMapperProvider mappers,
                            SpringDocConfigProperties properties) {
        this.openApi = openApi;
        // springdoc writes with swagger-core's JVM-wide mappers and turns key ordering on when it first writes a
        // document; Jackson keeps the serializers it built before that, unordered, so anything else that wrote a
        // schema object with those mappers first (a schema validator in the tests) would change the key order of
        // the document. Ordering from the start keeps it the same whoever uses the mappers.
        ObjectMapperProvider.sortOutput(mappers.jsonMapper(), properties);
        ObjectMapperProvider.sortOutput(mappers.yamlMapper(), properties);
    }

    /**
     * @param format {@code json} or {@code yaml} (any letter case); absent: as {@code Accept} asks, else JSON
     * @return the document, UTF-8
     * @throws ApiException 404 {@code {"detail": "Not found."}} for another format, as drf-spectacular answers
     * @throws JsonProcessingException when springdoc cannot write the document (a bug)
     */
    @GetMapping({"/api/schema", PATH})
    public ResponseEntity<byte[]> schema(@RequestParam(required = false) String format,
                                         @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                         HttpServletRequest request, Locale locale) throws JsonProcessingException {
        MediaType yaml = yamlType(format, accept);
        if (yaml == null) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(openApi.openapiJson(request, PATH, locale));
        }
        return ResponseEntity.ok().contentType(new MediaType(yaml, java.nio.charset.StandardCharsets.UTF_8))
                .body(openApi.openapiYaml(request, PATH, locale));
    }

    /** @return the YAML media type to answer with, or {@code null} for JSON */
    private static MediaType yamlType(String format, String accept) {
        if (format != null && !format.isEmpty()) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "json" -> null;
                case "yaml" -> OPENAPI_YAML;
                default -> throw ApiException.notFound();
            };
        }
        if (accept == null) {
            return null;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return null; // an unreadable Accept asks for nothing in particular: the default, JSON
        }
        for (MediaType asked : types) {
            if (asked.equalsTypeAndSubtype(YAML)) {
                return YAML;
            }
            if (asked.equalsTypeAndSubtype(OPENAPI_YAML)) {
                return OPENAPI_YAML;
            }
        }
        return null;
    }

    /** The Swagger UI, under the name Waldur's documentation uses; springdoc serves it at {@code /api/docs}. */
    @GetMapping("/api/docs/")
    public ResponseEntity<Void> docs() {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/docs").build().toUri())
                .build();
    }
}
