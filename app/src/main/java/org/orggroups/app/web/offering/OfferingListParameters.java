package org.orggroups.app.web.offering;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.PageRequest;
import org.orggroups.api.query.offering.OfferingFilter;
import org.orggroups.app.web.binding.FilterParameters;
import org.orggroups.app.web.binding.FromRequest;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.OrderingFilter;
import org.orggroups.app.web.support.Paging;
import org.orggroups.app.web.support.Uuids;

/**
 * The query parameters of the offering lists, provider and public (API.md section 12.3, "Filters"), checked.
 *
 * @param customer              the provider named by a link ({@code customer}); {@code null} for no filter
 * @param customerUuid          the provider named by uuid ({@code customer_uuid}); {@code null} for no filter
 * @param noSuchCustomer        whether {@code customer} was a link to no customer route, which matches nothing
 * @param shared                {@code shared}: {@code true}, {@code false}, or {@code null} for no filter
 * @param organizationGroupUuid offerings restricted directly to any of these groups; empty for no filter
 * @param allowedCustomerUuid   only what this customer may order (section 12.5); {@code null} for no filter
 * @param o                     {@code true} when ordered by name descending ({@code o=-name})
 * @param page                  the page asked for
 * @param name                  case-insensitive substring of the name; {@code null} for no filter
 * @param nameExact             the exact name; {@code null} for no filter
 */
@FromRequest
public record OfferingListParameters(
        @Parameter(name = "customer", description = "The provider's url.", schema = @Schema(type = "string",
                format = "uri"))
        UUID customer,
        @Parameter(name = "customer_uuid", description = "The provider's uuid.",
                schema = @Schema(type = "string", format = "uuid"))
        UUID customerUuid,
        @Parameter(hidden = true) boolean noSuchCustomer,
        @Parameter(name = "shared", description = "true, false, 1 or 0, any letter case; any other value is no filter.",
                schema = @Schema(type = "boolean"))
        Boolean shared,
        @Parameter(name = "organization_group_uuid",
                description = "Restricted directly to any of these groups (repeatable).",
                array = @ArraySchema(schema = @Schema(type = "string", format = "uuid")))
        Set<UUID> organizationGroupUuid,
        @Parameter(name = "allowed_customer_uuid", description = "Only what this customer may order, offerings and "
                + "their plans; an unknown or deleted customer matches nothing.",
                schema = @Schema(type = "string", format = "uuid"))
        UUID allowedCustomerUuid,
        @Parameter(name = "o", description = "Ordering", explode = Explode.FALSE,
                array = @ArraySchema(schema = @Schema(type = "string", allowableValues = {"-name", "name"})))
        boolean o,
        @Parameter(hidden = true) PageRequest page,
        @FilterParameters.Name String name,
        @FilterParameters.NameExact String nameExact) {

    /**
     * Reads and checks the parameters: the uuid filters first ({@code customer}, {@code customer_uuid},
     * {@code organization_group_uuid}, {@code allowed_customer_uuid}), then {@code page}, then the text filters.
     *
     * @throws ApiException 400 {@code {"<param>": ["Enter a valid UUID."]}}; 404 {@code {"detail": "Invalid
     *                      page."}}; 400 {@code {"<name>": ["Null characters are not allowed."]}}
     */
    public static OfferingListParameters from(HttpServletRequest request) {
        String link = Paging.last(request, "customer");
        UUID customer = null;
        boolean noSuchCustomer = false;
        if (link != null && !link.isEmpty()) {
            customer = Hyperlinks.filterCustomer("customer", link).orElse(null);
            noSuchCustomer = customer == null;
        }
        UUID customerUuid = Paging.uuidFilter(request, "customer_uuid").orElse(null);
        Set<UUID> groups = uuids(request, "organization_group_uuid");
        UUID allowed = Paging.uuidFilter(request, "allowed_customer_uuid").orElse(null);
        // only name orders offerings; other terms are dropped, as by Django's OrderingFilter
        boolean descending = OrderingFilter.terms(Paging.last(request, "o"), Map.of("name", "name"),
                (field, desc) -> desc).stream().findFirst().orElse(false);
        PageRequest page = Paging.pageRequest(request);
        return new OfferingListParameters(customer, customerUuid, noSuchCustomer, shared(Paging.last(request,
                "shared")), groups, allowed, descending, page, Paging.textFilter(request, "name"),
                Paging.textFilter(request, "name_exact"));
    }

    /** @return the filter these parameters ask for */
    OfferingFilter filter() {
        Set<GroupId> linkedToAny = new LinkedHashSet<>();
        organizationGroupUuid.forEach(uuid -> linkedToAny.add(new GroupId(uuid)));
        return new OfferingFilter(name, nameExact, provider(), shared, linkedToAny,
                allowedCustomerUuid == null ? null : new CustomerId(allowedCustomerUuid), o);
    }

    /** Both {@code customer} and {@code customer_uuid} must hold, as two django-filter filters do. */
    private CustomerId provider() {
        if (noSuchCustomer || (customer != null && customerUuid != null && !customer.equals(customerUuid))) {
            return nobody();
        }
        UUID provider = customer != null ? customer : customerUuid;
        return provider == null ? null : new CustomerId(provider);
    }

    /**
     * @return the provider of no offering: a {@code customer} link to no customer route matches nothing, as in
     *         Waldur (a method, not a constant, so that the schema does not take it for a parameter)
     */
    private static CustomerId nobody() {
        return new CustomerId(new UUID(0, 0));
    }

    /** django-filter's {@code BooleanWidget}: true/false/1/0 in any case; any other value is no filter. */
    private static Boolean shared(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * @return every value of a repeatable uuid parameter, empty values skipped
     * @throws ApiException 400 {@code {"<param>": ["Enter a valid UUID."]}} for a malformed one
     */
    static Set<UUID> uuids(HttpServletRequest request, String param) {
        Set<UUID> uuids = new LinkedHashSet<>();
        String[] values = request.getParameterValues(param);
        if (values != null) {
            for (String text : values) {
                if (!text.isEmpty()) {
                    uuids.add(Uuids.parse(text.strip())
                            .orElseThrow(() -> ApiException.field(param, "Enter a valid UUID.")));
                }
            }
        }
        return uuids;
    }
}
