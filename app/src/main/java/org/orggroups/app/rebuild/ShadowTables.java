package org.orggroups.app.rebuild;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL shadow copies of read tables, for a rebuild that leaves the live tables serving until the end:
 * {@code <table>__rebuild} has the live table's columns, defaults, identity and storage parameters but no index
 * while it is loaded; {@link #indexStatements} then give it the live table's keys and indexes (built once over the
 * loaded rows, which is much cheaper than keeping them during the load), and {@link #swap} puts it in the live
 * table's place under the live table's name, with the live names of its keys, indexes and identity sequence, so
 * that the schema after a rebuild is the one Flyway made.
 *
 * <p>Shadows are created, loaded and indexed in committed steps (so that their indexes can be built on several
 * connections at once; nobody else reads them), and dropped after a failure. The swap is transactional DDL: run in
 * the rebuild's final transaction, a failure there leaves the live tables as they were, and readers of the live
 * tables see the old rows until the commit.
 */
final class ShadowTables {

    private static final String SUFFIX = "__rebuild";
    private static final String NAME_SUFFIX = "__rb";

    private final JdbcTemplate jdbc;

    ShadowTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the shadow's name for a live table */
    static String shadowOf(String table) {
        return table + SUFFIX;
    }

    /**
     * Creates the table's empty shadow, dropping one that a failed run left behind. It has the live table's storage
     * parameters too ({@code fillfactor}, which {@code like} does not copy), so that its rows leave the room for
     * heap-only updates that Flyway's schema leaves.
     */
    void create(String table) {
        jdbc.execute("drop table if exists " + shadowOf(table));
        String options = jdbc.queryForObject("select array_to_string(reloptions, ', ') from pg_class"
                + " where oid = cast(? as regclass)", String.class, table);
        jdbc.execute("create table " + shadowOf(table) + " (like " + table
                + " including defaults including identity including constraints)"
                + (options == null || options.isEmpty() ? "" : " with (" + options + ")"));
    }

    /**
     * @return the statements that give the loaded shadow the live table's primary and unique keys and its other
     *         indexes, under the live names with a suffix that {@link #swap} takes off; each may run on a
     *         connection of its own, concurrently with the others
     */
    List<String> indexStatements(String table) {
        String shadow = shadowOf(table);
        List<String> statements = new ArrayList<>();
        List<String> constraintIndexes = new ArrayList<>();
        for (Map<String, Object> key : jdbc.queryForList("select conname, pg_get_constraintdef(oid) as def"
                + " from pg_constraint where conrelid = cast(? as regclass) and contype in ('p', 'u')", table)) {
            String name = (String) key.get("conname");
            constraintIndexes.add(name);
            statements.add("alter table " + shadow + " add constraint " + name + NAME_SUFFIX + " " + key.get("def"));
        }
        for (Map<String, Object> index : jdbc.queryForList("select indexname, indexdef from pg_indexes"
                + " where schemaname = current_schema() and tablename = ?", table)) {
            String name = (String) index.get("indexname");
            if (constraintIndexes.contains(name)) {
                continue;
            }
            String definition = (String) index.get("indexdef");
            String onTable = " ON " + qualifiedPrefix(definition) + table + " ";
            if (!definition.contains(onTable)) {
                throw new IllegalStateException("cannot read the definition of index " + name + ": " + definition);
            }
            statements.add(definition.replaceFirst("INDEX " + name + " ON ", "INDEX " + name + NAME_SUFFIX + " ON ")
                    .replace(onTable, " ON " + qualifiedPrefix(definition) + shadow + " "));
        }
        // The planner's statistics, which a server without autovacuum would otherwise never gather.
        statements.add("analyze " + shadow);
        return statements;
    }

    /** Drops the table's shadow, if there is one: after a failed rebuild. */
    void drop(String table) {
        jdbc.execute("drop table if exists " + shadowOf(table));
    }

    /**
     * Drops the live table and renames the shadow, its keys, indexes and identity sequence to the live names.
     * Takes an exclusive lock on the live table: readers wait for the rebuild's commit from here on, which is
     * why this comes last.
     */
    void swap(String table) {
        String shadow = shadowOf(table);
        // The identity columns' sequences, by column: they go with the live table and their names are reused.
        List<Map<String, Object>> identities = jdbc.queryForList("select a.attname as col,"
                + " pg_get_serial_sequence(?, a.attname) as seq from pg_attribute a"
                + " where a.attrelid = cast(? as regclass) and a.attidentity <> '' and a.attnum > 0", table, table);
        jdbc.execute("drop table " + table);
        jdbc.execute("alter table " + shadow + " rename to " + table);
        for (Map<String, Object> key : jdbc.queryForList("select conname from pg_constraint"
                + " where conrelid = cast(? as regclass) and conname like ?", table, "%" + NAME_SUFFIX)) {
            String name = (String) key.get("conname");
            jdbc.execute("alter table " + table + " rename constraint " + name + " to " + liveName(name));
        }
        for (String name : jdbc.queryForList("select indexname from pg_indexes where schemaname = current_schema()"
                + " and tablename = ? and indexname like ?", String.class, table, "%" + NAME_SUFFIX)) {
            jdbc.execute("alter index " + name + " rename to " + liveName(name));
        }
        for (Map<String, Object> identity : identities) {
            String shadowSequence = jdbc.queryForObject("select pg_get_serial_sequence(?, ?)", String.class,
                    table, identity.get("col"));
            String liveSequence = (String) identity.get("seq");
            if (shadowSequence != null && liveSequence != null && !shadowSequence.equals(liveSequence)) {
                jdbc.execute("alter sequence " + shadowSequence + " rename to "
                        + liveSequence.substring(liveSequence.lastIndexOf('.') + 1));
            }
        }
    }

    private static String liveName(String name) {
        return name.substring(0, name.length() - NAME_SUFFIX.length());
    }

    /** @return the schema prefix of the table in an index definition ({@code "public."}), or empty */
    private static String qualifiedPrefix(String definition) {
        int on = definition.indexOf(" ON ");
        String rest = definition.substring(on + 4);
        if (rest.startsWith("ONLY ")) {
            rest = rest.substring(5);
        }
        int dot = rest.indexOf('.');
        int space = rest.indexOf(' ');
        return dot >= 0 && dot < space ? rest.substring(0, dot + 1) : "";
    }
}
