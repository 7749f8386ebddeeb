package org.orggroups.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST} and {@code PUT /api/customers/...} as sent (API.md section 4); raw for the reason
 * given on {@link OrganizationGroupRequest}. Every other key is ignored.
 *
 * @param name the name: required, trimmed, 1 to 150 code points; {@code null} when absent
 */
@Schema(name = "CustomerRequest")
public record CustomerRequest(
        @Schema(implementation = String.class, minLength = 1, maxLength = 150,
                requiredMode = Schema.RequiredMode.REQUIRED)
        JsonNode name) {

    /** @return an object holding {@code name} when it was sent */
    ObjectNode json() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (name != null) {
            json.set("name", name);
        }
        return json;
    }
}
