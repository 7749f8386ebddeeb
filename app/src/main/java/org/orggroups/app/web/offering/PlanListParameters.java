package org.orggroups.app.web.offering;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.query.PageRequest;
import org.orggroups.app.web.binding.FromRequest;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.Paging;

/**
 * The query parameters of {@code GET /api/marketplace-plans/} (API.md section 12.3, E7), checked.
 *
 * @param offeringUuid   only this offering's plans ({@code offering_uuid}); {@code null} for no filter
 * @param offeringLink   only this offering's plans ({@code offering}, a link); {@code null} for no filter
 * @param noSuchOffering whether {@code offering} was a link to no provider offering route, which matches nothing
 * @param page           the page asked for
 */
@FromRequest
public record PlanListParameters(
        @Parameter(name = "offering_uuid", description = "The offering's uuid.",
                schema = @Schema(type = "string", format = "uuid"))
        UUID offeringUuid,
        @Parameter(name = "offering", description = "The offering's url.",
                schema = @Schema(type = "string", format = "uri"))
        UUID offeringLink,
        @Parameter(hidden = true) boolean noSuchOffering,
        @Parameter(hidden = true) PageRequest page) {

    /**
     * @throws ApiException 400 {@code {"offering_uuid": ["Enter a valid UUID."]}} (then {@code offering}); 404
     *                      {@code {"detail": "Invalid page."}}
     */
    public static PlanListParameters from(HttpServletRequest request) {
        UUID uuid = Paging.uuidFilter(request, "offering_uuid").orElse(null);
        String link = Paging.last(request, "offering");
        UUID linked = null;
        boolean noSuch = false;
        if (link != null && !link.isEmpty()) {
            linked = Hyperlinks.filterOffering("offering", link).orElse(null);
            noSuch = linked == null;
        }
        return new PlanListParameters(uuid, linked, noSuch, Paging.pageRequest(request));
    }

    /** @return whether the filters contradict each other or name no offering route: nothing matches */
    boolean matchesNothing() {
        return noSuchOffering || (offeringUuid != null && offeringLink != null && !offeringUuid.equals(offeringLink));
    }

    /** @return the offering whose plans are listed, {@code null} for all */
    OfferingId offering() {
        UUID offering = offeringUuid != null ? offeringUuid : offeringLink;
        return offering == null ? null : new OfferingId(offering);
    }
}
