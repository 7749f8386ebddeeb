package org.orggroups.app.web.offering;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import org.orggroups.app.web.binding.FromRequest;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.RequestBodies;

/**
 * The body of {@code POST /api/marketplace-provider-offerings/} as sent (API.md section 12.3, E1): each key as its
 * raw JSON value, {@code null} when absent, because the contract's errors name the JSON type a client sent. Every
 * other key ({@code category}, {@code type}, ...) is ignored. Checked by {@link OfferingBodies}.
 *
 * @param name                    required, trimmed, 1 to 150 code points
 * @param customer                the provider's link, required
 * @param shared                  a boolean, default {@code true}
 * @param plans                   plans created with the offering, each open or restricted from birth:
 *                                {@code [{"name": ..., "organization_groups": [...]}]}; default none
 * @param organizationGroups      group links restricting the offering from its creation; default none (open)
 * @param includeDescendantGroups a boolean, default {@code false}
 */
@FromRequest
@Schema(name = "OfferingCreateRequest")
public record OfferingCreateRequest(
        @Schema(implementation = String.class, minLength = 1, maxLength = 150,
                requiredMode = Schema.RequiredMode.REQUIRED)
        JsonNode name,
        @Schema(implementation = String.class, format = "uri", requiredMode = Schema.RequiredMode.REQUIRED,
                description = "The provider (a customer).")
        JsonNode customer,
        @Schema(implementation = Boolean.class, defaultValue = "true", description = "Accessible to all customers.")
        JsonNode shared,
        @ArraySchema(schema = @Schema(implementation = OfferingCreateRequest.BaseProviderPlanRequest.class),
                arraySchema = @Schema(type = "array", description = "Plans created with the offering, each open or "
                        + "restricted from birth as a plan of `POST /api/marketplace-plans/`."))
        JsonNode plans,
        @JsonProperty("organization_groups")
        @ArraySchema(schema = @Schema(implementation = URI.class),
                arraySchema = @Schema(type = "array", description = OfferingSchema.GROUP_LINKS))
        JsonNode organizationGroups,
        @JsonProperty("include_descendant_groups")
        @Schema(implementation = Boolean.class, defaultValue = "false", description = OfferingSchema.DESCENDANTS)
        JsonNode includeDescendantGroups) {

    /**
     * @throws ApiException as {@link RequestBodies#readObject}: 400 for a body that is not a JSON object, 413, 415
     */
    public static OfferingCreateRequest from(HttpServletRequest request) {
        ObjectNode body = RequestBodies.readObject(request);
        return new OfferingCreateRequest(body.get("name"), body.get("customer"), body.get("shared"),
                body.get("plans"), body.get("organization_groups"), body.get("include_descendant_groups"));
    }

    /**
     * An item of {@code plans}, read as E6's body without {@code offering}; other keys are ignored.
     *
     * @param name                    required, trimmed, 1 to 150 code points
     * @param organizationGroups      group links restricting the plan from its creation; absent or {@code null}: open
     * @param includeDescendantGroups a boolean; absent or {@code null}: {@code false}
     */
    @Schema(name = "BaseProviderPlanRequest")
    public record BaseProviderPlanRequest(
            @Schema(minLength = 1, maxLength = 150, requiredMode = Schema.RequiredMode.REQUIRED) String name,
            @JsonProperty("organization_groups")
            @ArraySchema(schema = @Schema(implementation = URI.class),
                    arraySchema = @Schema(type = "array", description = OfferingSchema.GROUP_LINKS))
            List<URI> organizationGroups,
            @JsonProperty("include_descendant_groups")
            @Schema(defaultValue = "false", description = OfferingSchema.DESCENDANTS)
            Boolean includeDescendantGroups) {
    }
}
