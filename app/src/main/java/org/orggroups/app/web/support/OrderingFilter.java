package org.orggroups.app.web.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads Django's {@code OrderingFilter} parameter {@code o}, as every ordered list of the contract does (API.md
 * sections 3, 4 and 9): comma-separated field names, each optionally prefixed by {@code -} for descending, unknown
 * terms dropped.
 */
public final class OrderingFilter {

    private OrderingFilter() {
    }

    /**
     * @param o      the parameter's value (the last {@code o} of the query), or {@code null}
     * @param fields the list's sort fields by their name on the wire
     * @param term   makes one ordering term of a field and whether it is descending
     * @return the terms in the order given; empty for none (the list's default order)
     */
    public static <F, T> List<T> terms(String o, Map<String, F> fields, BiFunction<F, Boolean, T> term) {
        List<T> terms = new ArrayList<>();
        if (o == null) {
            return terms;
        }
        for (String raw : o.split(",")) {
            String text = raw.strip();
            boolean descending = text.startsWith("-");
            F field = fields.get(descending ? text.substring(1) : text);
            if (field != null) {
                terms.add(term.apply(field, descending));
            }
        }
        return terms;
    }
}
