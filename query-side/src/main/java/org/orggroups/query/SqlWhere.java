package org.orggroups.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@code where} clause built from optional filters, with its JDBC arguments in placeholder order.
 * Filters that are absent add nothing, so no {@code null} is ever bound as a filter value.
 */
public final class SqlWhere {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> args = new ArrayList<>();

    /**
     * @param condition an SQL condition with one {@code ?} per value
     * @param values    the values of its placeholders, in order
     * @return this
     */
    public SqlWhere and(String condition, Object... values) {
        conditions.add(condition);
        args.addAll(List.of(values));
        return this;
    }

    /** @return {@code ""} without conditions, else {@code " where c1 and c2 ..."} */
    public String sql() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /**
     * @param more values of placeholders that follow the clause (e.g. offset and limit)
     * @return the clause's arguments followed by {@code more}
     */
    public Object[] args(Object... more) {
        List<Object> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray();
    }

    /**
     * @param count how many placeholders
     * @return {@code "?, ?, ..."} with {@code count} placeholders, for an {@code in (...)} list
     */
    public static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
