package org.orggroups.app.web;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.GroupSortField;
import org.orggroups.api.query.ListCustomers;
import org.orggroups.api.query.PageRequest;
import org.orggroups.app.web.binding.FilterParameters;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.Paging;
import org.orggroups.app.web.support.Uuids;

/**
 * The query parameters of {@code GET /api/customers/}, checked (API.md section 4). Read by {@link #read}.
 *
 * @param organizationGroupUuid groups the customer must be a member of (any of them); empty for no filter
 * @param o                     {@code true} when ordered by name descending ({@code o=-name})
 * @param page                  the 1-based page, {@code null} for the last page
 * @param pageSize              items per page, 1 to {@value Paging#MAX_PAGE_SIZE}
 * @param name                  case-insensitive substring of the name; {@code null} for no filter
 * @param nameExact             the exact name; {@code null} for no filter
 * @param organizationGroupName case-insensitive substring of a member group's name; {@code null} for no filter
 */
public record CustomerListParameters(
        @Parameter(name = "organization_group_uuid", description = "Member of any of these groups (repeatable).",
                array = @ArraySchema(schema = @Schema(type = "string", format = "uuid")))
        Set<UUID> organizationGroupUuid,
        @Parameter(name = "o", description = "Ordering", explode = Explode.FALSE,
                array = @ArraySchema(schema = @Schema(type = "string", allowableValues = {"-name", "name"})))
        boolean o,
        // described once for every list, by PagingParameters on the operation
        @Parameter(hidden = true) Integer page,
        @Parameter(hidden = true) int pageSize,
        @FilterParameters.Name String name,
        @FilterParameters.NameExact String nameExact,
        @Parameter(name = "organization_group_name", description = "Name of a member group (case-insensitive substring).",
                schema = @Schema(type = "string"))
        String organizationGroupName) {

    /**
     * Reads and checks the parameters, {@code organization_group_uuid} first.
     *
     * @throws ApiException 400 {@code {"organization_group_uuid": ["Enter a valid UUID."]}}, 404
     *                      {@code {"detail": "Invalid page."}}, 400 {@code {"<name>": ["Null characters are not
     *                      allowed."]}}
     */
    static CustomerListParameters read(HttpServletRequest request) {
        Set<UUID> memberOf = new LinkedHashSet<>();
        String[] groupUuids = request.getParameterValues("organization_group_uuid");
        if (groupUuids != null) {
            for (String text : groupUuids) {
                if (!text.isEmpty()) {
                    memberOf.add(Uuids.parse(text.strip()).orElseThrow(() ->
                            ApiException.field("organization_group_uuid", "Enter a valid UUID.")));
                }
            }
        }
        // only name orders customers; other terms are dropped, as by Django's OrderingFilter
        boolean descending = GroupListParameters.ordering(Paging.last(request, "o")).stream()
                .filter(term -> term.field() == GroupSortField.NAME)
                .findFirst().map(term -> term.descending()).orElse(false);
        PageRequest pageRequest = Paging.pageRequest(request);
        return new CustomerListParameters(memberOf, descending, pageRequest.page(), pageRequest.size(),
                Paging.textFilter(request, "name"), Paging.textFilter(request, "name_exact"),
                Paging.textFilter(request, "organization_group_name"));
    }

    /** @return the list query these parameters ask */
    ListCustomers query() {
        Set<GroupId> groups = new LinkedHashSet<>();
        organizationGroupUuid.forEach(uuid -> groups.add(new GroupId(uuid)));
        return new ListCustomers(name, nameExact, groups, organizationGroupName, o, pageRequest());
    }

    PageRequest pageRequest() {
        return new PageRequest(page, pageSize);
    }
}
