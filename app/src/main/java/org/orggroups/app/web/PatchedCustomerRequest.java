package org.orggroups.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PATCH /api/customers/{uuid}/} as sent (API.md section 4): the name changes only when sent.
 *
 * @param name the new name, trimmed, 1 to 150 code points; {@code null} when absent (unchanged)
 */
@Schema(name = "PatchedCustomerRequest")
public record PatchedCustomerRequest(
        @Schema(implementation = String.class, minLength = 1, maxLength = 150)
        JsonNode name) {

    /** @return an object holding {@code name} when it was sent */
    ObjectNode json() {
        return new CustomerRequest(name).json();
    }
}
