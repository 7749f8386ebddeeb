package org.orggroups.app.web.schema;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Says "any JSON value" where springdoc met a Java {@code Object}: the values of a {@code Map<String, Object>}, the
 * body of a {@code ResponseEntity<?>}. springdoc writes those as a bare {@code type: object}, which the first string,
 * number or array in the answer contradicts (a version's {@code id}, a report's JSON array). A bare
 * {@code type: object} (no properties, no value schema, no reference, no description) is always that inference: a
 * described class is a {@code $ref}, a described map has its value schema, and an object described by hand (a
 * version's {@code serialized_data}) carries its description. It becomes {@code {}}, which allows any value.
 */
@Component
public class AnyJsonValues implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        Set<Schema<?>> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
            openApi.getComponents().getSchemas().values().forEach(schema -> nested(schema, visited));
        }
        if (openApi.getPaths() == null) {
            return;
        }
        for (PathItem item : openApi.getPaths().values()) {
            for (Operation operation : item.readOperations()) {
                if (operation.getRequestBody() != null) {
                    content(operation.getRequestBody().getContent(), visited);
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().values().forEach(response -> content(response.getContent(), visited));
                }
            }
        }
    }

    private static void content(Content content, Set<Schema<?>> visited) {
        if (content == null) {
            return;
        }
        for (MediaType media : content.values()) {
            if (isBareObject(media.getSchema())) {
                media.setSchema(new Schema<>());
            } else {
                nested(media.getSchema(), visited);
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void nested(Schema<?> schema, Set<Schema<?>> visited) {
        if (schema == null || !visited.add(schema)) {
            return;
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            // springdoc copies a map's description onto its values, so a described value schema is still inferred
            if (isUntypedObject(values)) {
                schema.setAdditionalProperties(new Schema<>());
            } else {
                nested(values, visited);
            }
        }
        if (schema.getProperties() != null) {
            for (Map.Entry<String, Schema> property : ((Map<String, Schema>) (Map) schema.getProperties()).entrySet()) {
                if (isBareObject(property.getValue())) {
                    property.setValue(new Schema<>());
                } else {
                    nested(property.getValue(), visited);
                }
            }
        }
        if (isBareObject(schema.getItems())) {
            schema.setItems(new Schema<>());
        } else {
            nested(schema.getItems(), visited);
        }
    }

    private static boolean isBareObject(Schema<?> schema) {
        return isUntypedObject(schema) && schema.getDescription() == null;
    }

    private static boolean isUntypedObject(Schema<?> schema) {
        return schema != null && "object".equals(schema.getType()) && schema.get$ref() == null
                && schema.getProperties() == null && schema.getAdditionalProperties() == null
                && schema.getAllOf() == null && schema.getOneOf() == null && schema.getAnyOf() == null;
    }
}
