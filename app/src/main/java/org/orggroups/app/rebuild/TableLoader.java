package org.orggroups.app.rebuild;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.orggroups.api.replay.BulkRebuild.Table;
import org.orggroups.api.replay.RowSink;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * A {@link RowSink} that loads rows in bulk into the tables a rebuild fills, on the connection of the current
 * transaction. Rows are buffered per table and written when a buffer is full and at {@link #flush()}.
 *
 * <p>On PostgreSQL through {@code COPY ... FROM STDIN} (the driver's {@link CopyManager}): one statement per
 * buffer of rows instead of one per row. Elsewhere (H2) through JDBC batches of plain inserts.
 */
abstract sealed class TableLoader implements RowSink permits TableLoader.Copy, TableLoader.Batch {

    private final Map<String, Table> tables = new HashMap<>();
    private final UnaryOperator<String> physicalName;
    private long rows;

    private TableLoader(List<Table> tables, UnaryOperator<String> physicalName) {
        tables.forEach(t -> this.tables.put(t.name(), t));
        this.physicalName = physicalName;
    }

    /**
     * @param dataSource   the service's database
     * @param postgres     whether it is PostgreSQL (COPY) or not (batched inserts)
     * @param tables       the tables rows may be added to, with their columns
     * @param physicalName the table that receives a table's rows (its shadow copy, or itself)
     */
    static TableLoader of(DataSource dataSource, boolean postgres, List<Table> tables,
                          UnaryOperator<String> physicalName) {
        return postgres ? new Copy(dataSource, tables, physicalName) : new Batch(dataSource, tables, physicalName);
    }

    @Override
    public final void add(String table, Object... values) {
        Table shape = tables.get(table);
        if (shape == null) {
            throw new IllegalArgumentException("no table " + table + " in this rebuild");
        }
        if (values.length != shape.columns().size()) {
            throw new IllegalArgumentException(table + " has " + shape.columns().size() + " columns, not "
                    + values.length);
        }
        rows++;
        buffer(shape, values);
    }

    /** @return the rows added so far */
    final long rows() {
        return rows;
    }

    /** Writes every buffered row. */
    abstract void flush();

    abstract void buffer(Table table, Object[] values);

    final String insertTarget(Table table) {
        return physicalName.apply(table.name()) + " (" + String.join(", ", table.columns()) + ")";
    }

    /** PostgreSQL: buffers rows in COPY's text format, and copies a table's buffer once it is large. */
    static final class Copy extends TableLoader {

        /** Characters buffered per table before a copy: a few MB, so that memory stays small. */
        private static final int FLUSH_AT = 2 << 20;

        private final DataSource dataSource;
        private final Map<Table, StringBuilder> buffers = new HashMap<>();

        private Copy(DataSource dataSource, List<Table> tables, UnaryOperator<String> physicalName) {
            super(tables, physicalName);
            this.dataSource = dataSource;
        }

        @Override
        void buffer(Table table, Object[] values) {
            StringBuilder buffer = buffers.computeIfAbsent(table, t -> new StringBuilder(FLUSH_AT + 4096));
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffer.append('\t');
                }
                appendValue(buffer, values[i]);
            }
            buffer.append('\n');
            if (buffer.length() >= FLUSH_AT) {
                copy(table, buffer);
            }
        }

        @Override
        void flush() {
            buffers.forEach(this::copy);
        }

        private void copy(Table table, StringBuilder buffer) {
            if (buffer.isEmpty()) {
                return;
            }
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                copy.copyIn("copy " + insertTarget(table) + " from stdin", new StringReader(buffer.toString()));
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("Loading rows into " + table.name() + " failed: " + e.getMessage(),
                        e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
            buffer.setLength(0);
        }

        /** COPY's text format: {@code \N} for null, backslash escapes for the separators. */
        private static void appendValue(StringBuilder buffer, Object value) {
            if (value == null) {
                buffer.append("\\N");
                return;
            }
            if (value instanceof Boolean flag) {
                buffer.append(flag ? 't' : 'f');
                return;
            }
            String text = value.toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> buffer.append("\\\\");
                    case '\n' -> buffer.append("\\n");
                    case '\r' -> buffer.append("\\r");
                    case '\t' -> buffer.append("\\t");
                    default -> buffer.append(c);
                }
            }
        }
    }

    /** Any other database: JDBC batches of inserts. */
    static final class Batch extends TableLoader {

        private static final int BATCH = 1_000;

        private final JdbcTemplate jdbc;
        private final Map<Table, List<Object[]>> buffers = new HashMap<>();

        private Batch(DataSource dataSource, List<Table> tables, UnaryOperator<String> physicalName) {
            super(tables, physicalName);
            this.jdbc = new JdbcTemplate(dataSource);
        }

        @Override
        void buffer(Table table, Object[] values) {
            List<Object[]> buffer = buffers.computeIfAbsent(table, t -> new ArrayList<>(BATCH));
            buffer.add(values);
            if (buffer.size() >= BATCH) {
                insert(table, buffer);
            }
        }

        @Override
        void flush() {
            buffers.forEach(this::insert);
        }

        private void insert(Table table, List<Object[]> buffer) {
            if (buffer.isEmpty()) {
                return;
            }
            jdbc.batchUpdate("insert into " + insertTarget(table) + " values ("
                    + String.join(", ", Collections.nCopies(table.columns().size(), "?")) + ")", buffer);
            buffer.clear();
        }
    }
}
