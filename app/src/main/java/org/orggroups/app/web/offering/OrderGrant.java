package org.orggroups.app.web.offering;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A live group of a restriction through which a customer qualifies (API.md section 12.7, {@code granted_by}).
 *
 * @param uuid    the group named by the restriction, 32 lowercase hex digits
 * @param url     that group's url
 * @param name    its current name
 * @param viaUuid the customer's own group: {@code uuid} itself, or a descendant of it when the restriction includes
 *                descendant groups
 */
@Schema(name = "OrderGrant")
@JsonPropertyOrder({"uuid", "url", "name", "via_uuid"})
public record OrderGrant(
        @Schema(format = "uuid", requiredMode = Schema.RequiredMode.REQUIRED) String uuid,
        @Schema(format = "uri", requiredMode = Schema.RequiredMode.REQUIRED) String url,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
        @JsonProperty("via_uuid") @Schema(format = "uuid", requiredMode = Schema.RequiredMode.REQUIRED)
        String viaUuid) {
}
