package org.orggroups.app.web.report;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.PageRequest;
import org.orggroups.api.query.report.GroupStatsOrder;
import org.orggroups.api.query.report.GroupStatsSortField;
import org.orggroups.app.web.binding.FromRequest;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.OrderingFilter;
import org.orggroups.app.web.support.Paging;

/**
 * The query parameters of {@code GET /api/reports/organization-groups/} (API.md section 9).
 *
 * @param parent   direct children of this group only, or {@code null}
 * @param name     case-insensitive literal substring, or {@code null}
 * @param ordering the ordering terms of {@code o}; empty for the default ({@code name}, then uuid)
 * @param page     the page asked for
 * @param csv      whether {@code format=csv} (any letter case) asks for CSV instead of JSON
 */
@FromRequest
public record GroupReportParameters(GroupId parent, String name, List<GroupStatsOrder> ordering, PageRequest page,
                                    boolean csv) {

    /** The ordering terms of {@code o}, by their name on the wire. */
    static final Map<String, GroupStatsSortField> ORDER_FIELDS = Map.of(
            "name", GroupStatsSortField.NAME,
            "customers_count", GroupStatsSortField.CUSTOMERS_COUNT,
            "subtree_customers_count", GroupStatsSortField.SUBTREE_CUSTOMERS_COUNT,
            "descendants_count", GroupStatsSortField.DESCENDANTS_COUNT,
            "depth", GroupStatsSortField.DEPTH);

    public GroupReportParameters {
        ordering = List.copyOf(ordering);
    }

    /**
     * Reads the parameters in this order: {@code parent}, {@code page}, {@code name}; {@code o} and {@code format}
     * cannot be wrong (unknown values are dropped or mean JSON).
     *
     * @throws ApiException 400 {@code {"parent":["Enter a valid UUID."]}}; 404 {@code {"detail":"Invalid page."}};
     *                      400 {@code {"name":["Null characters are not allowed."]}}
     */
    public static GroupReportParameters from(HttpServletRequest request) {
        GroupId parent = Paging.uuidFilter(request, "parent").map(GroupId::new).orElse(null);
        PageRequest page = Paging.pageRequest(request);
        String name = Paging.textFilter(request, "name");
        return new GroupReportParameters(parent, name, ordering(Paging.last(request, "o")), page,
                "csv".equalsIgnoreCase(Paging.last(request, "format")));
    }

    /** The ordering terms of {@code o} (Django's {@code OrderingFilter}); the last {@code o} counts. */
    static List<GroupStatsOrder> ordering(String o) {
        return OrderingFilter.terms(o, ORDER_FIELDS, GroupStatsOrder::new);
    }
}
