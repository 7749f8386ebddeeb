package org.orggroups.api.replay;

/**
 * Where a {@link BulkRebuild} puts its rows: loads them in bulk into the table (or its shadow copy) that a
 * rebuild fills.
 */
@FunctionalInterface
public interface RowSink {

    /**
     * @param table  the table's name, one of {@link BulkRebuild#tables()}
     * @param values the row's values, in the table's column order: {@link java.util.UUID}, {@link String},
     *               {@link Long}, {@link Integer}, {@link Boolean}, {@link java.time.OffsetDateTime} (UTC),
     *               {@link java.time.LocalDate} or {@code null}
     */
    void add(String table, Object... values);
}
