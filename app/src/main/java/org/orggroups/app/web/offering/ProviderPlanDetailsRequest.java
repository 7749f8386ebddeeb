package org.orggroups.app.web.offering;

import java.net.URI;

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
 * The body of {@code POST /api/marketplace-plans/} as sent (API.md section 12.3, E6), raw as
 * {@link OfferingCreateRequest} is; other keys are ignored. Checked by {@link OfferingBodies}.
 *
 * @param name                    required, trimmed, 1 to 150 code points
 * @param offering                the provider offering's link, required
 * @param organizationGroups      group links restricting the plan from its creation; default none (open)
 * @param includeDescendantGroups a boolean, default {@code false}
 */
@FromRequest
@Schema(name = "ProviderPlanDetailsRequest")
public record ProviderPlanDetailsRequest(
        @Schema(implementation = String.class, minLength = 1, maxLength = 150,
                requiredMode = Schema.RequiredMode.REQUIRED)
        JsonNode name,
        @Schema(implementation = String.class, format = "uri", requiredMode = Schema.RequiredMode.REQUIRED,
                description = "The offering: `<base>/api/marketplace-provider-offerings/<uuid>/`.")
        JsonNode offering,
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
    public static ProviderPlanDetailsRequest from(HttpServletRequest request) {
        ObjectNode body = RequestBodies.readObject(request);
        return new ProviderPlanDetailsRequest(body.get("name"), body.get("offering"),
                body.get("organization_groups"), body.get("include_descendant_groups"));
    }
}
