package org.orggroups.app.rebuild;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.orggroups.api.replay.BulkRebuild.Table;
import org.orggroups.api.replay.RowSink;
import org.orggroups.query.SqlWhere;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * A {@link RowSink} that loads rows in bulk into the tables a rebuild fills, on the connection of the current
 * transaction. Rows are buffered per table and written when a buffer is full and at {@link #flush()}.
 *
 * <p>On PostgreSQL through {@code COPY ... FROM STDIN} (the driver's {@link CopyManager}): one statement per
 * buffer of rows instead of one per row, on a thread of its own so that the database loads one buffer while the
 * folds fill the next. Elsewhere (H2) through JDBC batches of plain inserts, on the caller's thread.
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

    /** Gives up after a failure elsewhere: drops what is buffered and frees what the loader holds. */
    void abort() {
    }

    abstract void buffer(Table table, Object[] values);

    final Table table(String name) {
        return tables.get(name);
    }

    final String insertTarget(Table table) {
        return physicalName.apply(table.name()) + " (" + String.join(", ", table.columns()) + ")";
    }

    /**
     * PostgreSQL: buffers rows in COPY's text format, and hands a table's buffer, once it is large, to a writer
     * thread that copies it on the transaction's connection while the caller goes on folding. The caller must not
     * use that connection itself until {@link #flush()} has returned.
     */
    static final class Copy extends TableLoader {

        /** Characters buffered per table before a copy: a few MB, so that memory stays small. */
        private static final int FLUSH_AT = 1 << 20;
        /** Buffers waiting for the writer at most: the caller waits when the database is slower than the folds. */
        private static final int QUEUED = 4;
        private static final Chunk END = new Chunk(null, null);

        private final DataSource dataSource;
        private final Connection connection;
        private final Map<String, StringBuilder> buffers = new HashMap<>();
        private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED);
        private final Thread writer;
        private volatile RuntimeException failure;

        private record Chunk(Table table, String rows) {
        }

        private Copy(DataSource dataSource, List<Table> tables, UnaryOperator<String> physicalName) {
            super(tables, physicalName);
            this.dataSource = dataSource;
            this.connection = DataSourceUtils.getConnection(dataSource);
            CopyManager copy;
            try {
                copy = connection.unwrap(PGConnection.class).getCopyAPI();
            } catch (SQLException e) {
                DataSourceUtils.releaseConnection(connection, dataSource);
                throw new IllegalStateException("COPY is not available on this connection", e);
            }
            this.writer = new Thread(() -> write(copy), "rebuild-copy");
            writer.setDaemon(true);
            writer.start();
        }

        @Override
        void buffer(Table table, Object[] values) {
            StringBuilder buffer = buffers.computeIfAbsent(table.name(), t -> new StringBuilder(FLUSH_AT + 4096));
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffer.append('\t');
                }
                appendValue(buffer, values[i]);
            }
            buffer.append('\n');
            if (buffer.length() >= FLUSH_AT) {
                hand(table, buffer);
            }
        }

        @Override
        void flush() {
            try {
                buffers.forEach((name, buffer) -> hand(table(name), buffer));
                put(END);
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                writer.interrupt();
                throw new IllegalStateException("interrupted while loading rows", e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        void abort() {
            writer.interrupt();
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            DataSourceUtils.releaseConnection(connection, dataSource);
        }

        private void hand(Table table, StringBuilder buffer) {
            if (buffer.isEmpty()) {
                return;
            }
            try {
                put(new Chunk(table, buffer.toString()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                writer.interrupt();
                throw new IllegalStateException("interrupted while loading rows", e);
            }
            buffer.setLength(0);
        }

        /** Queues a chunk, unless the writer has failed: then its failure is thrown here, at once. */
        private void put(Chunk chunk) throws InterruptedException {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (failure != null || !writer.isAlive()) {
                    break;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }

        private void write(CopyManager copy) {
            try {
                for (Chunk chunk = queue.take(); chunk != END; chunk = queue.take()) {
                    if (failure == null) {
                        copy(copy, chunk);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while loading rows", e);
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        private void copy(CopyManager copy, Chunk chunk) {
            try {
                copy.copyIn("copy " + insertTarget(chunk.table()) + " from stdin", new StringReader(chunk.rows()));
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("Loading rows into " + chunk.table().name() + " failed: "
                        + e.getMessage(), e);
            }
        }

        /** COPY's text format: {@code \N} for null, backslash escapes for the separators. */
        private static void appendValue(StringBuilder buffer, Object value) {
            if (value == null) {
                buffer.append("\\N");
            } else if (value instanceof Boolean flag) {
                buffer.append(flag ? 't' : 'f');
            } else if (value instanceof String text) {
                appendText(buffer, text);
            } else {
                // Numbers, UUIDs, dates and times never hold a separator or a backslash.
                buffer.append(value);
            }
        }

        private static void appendText(StringBuilder buffer, String text) {
            int length = text.length();
            int plain = 0;
            while (plain < length && !special(text.charAt(plain))) {
                plain++;
            }
            if (plain == length) {
                buffer.append(text);
                return;
            }
            buffer.append(text, 0, plain);
            for (int i = plain; i < length; i++) {
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

        private static boolean special(char c) {
            return c == '\\' || c == '\n' || c == '\r' || c == '\t';
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
                    + SqlWhere.placeholders(table.columns().size()) + ")", buffer);
            buffer.clear();
        }
    }
}
