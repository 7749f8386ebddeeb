package org.orggroups.app.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.GroupOrder;
import org.orggroups.api.query.GroupSortField;
import org.orggroups.api.query.ListGroups;
import org.orggroups.api.query.PageRequest;
import org.orggroups.app.web.binding.FilterParameters;
import org.orggroups.app.web.support.OrderingFilter;
import org.orggroups.app.web.support.Paging;

/**
 * The query parameters of {@code GET /api/organization-groups/}, checked (API.md section 3, "Listing", and
 * section 7 for {@code as_of}). Read by {@link #read}; the schema is generated from the components.
 *
 * @param asOf      the instant of the past asked about, {@code null} for the present
 * @param parent    the parent whose direct children are listed, or {@code null}
 * @param page      the 1-based page, {@code null} for the last page
 * @param pageSize  items per page, 1 to {@value Paging#MAX_PAGE_SIZE}
 * @param name      case-insensitive substring of the name, trimmed; {@code null} for no filter
 * @param nameExact the exact name, trimmed; {@code null} for no filter
 * @param o         the ordering terms, unknown ones dropped; empty for the default (name)
 */
public record GroupListParameters(
        @AsOfParameter.Described Instant asOf,
        @FilterParameters.Parent UUID parent,
        // described once for every list, by PagingParameters on the operation
        @Parameter(hidden = true) Integer page,
        @Parameter(hidden = true) int pageSize,
        @FilterParameters.Name String name,
        @FilterParameters.NameExact String nameExact,
        @Parameter(name = "o", description = "Ordering", explode = Explode.FALSE,
                array = @ArraySchema(schema = @Schema(type = "string", allowableValues = {
                        "-customers_count", "-name", "customers_count", "name"})))
        List<GroupOrder> o) {

    /** The sort fields of {@code o}, by their name on the wire. */
    private static final Map<String, GroupSortField> ORDER_FIELDS = Map.of(
            "name", GroupSortField.NAME,
            "customers_count", GroupSortField.CUSTOMERS_COUNT);

    /**
     * Reads and checks the parameters; {@code as_of} first, then {@code parent}, then {@code page}, then the
     * text filters (API.md section 7: on the list {@code as_of} is checked before every other parameter).
     *
     * @throws org.orggroups.app.web.error.ApiException 400 {@code {"as_of": ["Invalid timestamp format."]}},
     *         400 {@code {"parent": ["Enter a valid UUID."]}}, 404 {@code {"detail": "Invalid page."}},
     *         400 {@code {"<name>": ["Null characters are not allowed."]}}
     */
    static GroupListParameters read(HttpServletRequest request) {
        Instant asOf = AsOfParameter.read(request).asOf();
        UUID parent = Paging.uuidFilter(request, "parent").orElse(null);
        PageRequest pageRequest = Paging.pageRequest(request);
        return new GroupListParameters(asOf, parent, pageRequest.page(), pageRequest.size(),
                Paging.textFilter(request, "name"), Paging.textFilter(request, "name_exact"),
                ordering(Paging.last(request, "o")));
    }

    /** @return the list query these parameters ask (at the present; {@code as_of} is applied by the caller) */
    ListGroups query() {
        return new ListGroups(name, nameExact, parent == null ? null : new GroupId(parent), o, pageRequest());
    }

    PageRequest pageRequest() {
        return new PageRequest(page, pageSize);
    }

    /** The ordering terms of {@code o} (Django's {@code OrderingFilter}; API.md section 3). */
    static List<GroupOrder> ordering(String o) {
        return OrderingFilter.terms(o, ORDER_FIELDS, GroupOrder::new);
    }
}
