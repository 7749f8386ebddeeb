package org.orggroups.query;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Sends the statements of one event handler to the database together, in one round trip, where the driver takes
 * several statements in one {@link PreparedStatement} and answers a result for each (PostgreSQL's does, and says
 * so through {@link DatabaseMetaData#supportsMultipleResultSets()}); one statement at a time otherwise (H2's runs
 * them all but answers only the first one's result, and says it does not support several).
 *
 * <p>Either way each statement runs on its own, in order, in the caller's transaction, and sees what the ones
 * before it changed (PostgreSQL takes a new snapshot for each statement of a round trip, as for separate ones);
 * only the waits for the database's answer between them are saved, each of which cost the request thread and the
 * database's backend a wake-up (decision record 25). A statement that fails fails the run with Spring's translated
 * exception, and the statements after it do not run (PostgreSQL skips them to the end of the round trip), so the
 * transaction rolls back as it did with separate statements. A caller that must refuse on a statement's result
 * (no row locked, none updated) checks it after the run and throws; the rollback then undoes the rest.
 */
public final class RoundTrips {

    private final JdbcTemplate jdbc;
    private volatile Boolean together;

    /** @param jdbc the database, asked once, at the first run, whether its driver takes statements together */
    public RoundTrips(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return an empty run of statements, to be filled in order and then {@linkplain Run#execute executed} */
    public Run run() {
        return new Run();
    }

    private boolean together() {
        Boolean answer = together;
        if (answer == null) {
            try {
                answer = Boolean.TRUE.equals(JdbcUtils.extractDatabaseMetaData(jdbc.getDataSource(),
                        DatabaseMetaData::supportsMultipleResultSets));
            } catch (MetaDataAccessException e) {
                throw new IllegalStateException("Cannot ask the database whether it takes statements together", e);
            }
            together = answer;
        }
        return answer;
    }

    /** A statement of a run: a query when it has a mapper for its rows, an update otherwise. */
    private record Step(String sql, RowMapper<?> mapper, Object[] args) {
    }

    /** Statements with {@code ?} placeholders and their arguments, each an update or a query, in order. */
    public final class Run {

        private final List<Step> steps = new ArrayList<>();

        private Run() {
        }

        /**
         * @param sql  an insert, update, delete or merge, without a trailing {@code ;}
         * @param args its arguments, as {@link JdbcTemplate#update(String, Object...)} takes them
         * @return this run; its {@link Results} hold the rows changed at this statement's place
         */
        public Run update(String sql, Object... args) {
            return add(sql, null, args);
        }

        /**
         * @param sql    a select, without a trailing {@code ;}
         * @param mapper maps each of its rows
         * @param args   its arguments
         * @return this run; its {@link Results} hold the mapped rows at this statement's place
         */
        public Run query(String sql, RowMapper<?> mapper, Object... args) {
            return add(sql, mapper, args);
        }

        /** @return how many statements the run holds: the place the next one will have */
        public int size() {
            return steps.size();
        }

        private Run add(String sql, RowMapper<?> mapper, Object... args) {
            steps.add(new Step(sql, mapper, args));
            return this;
        }

        /**
         * Runs the statements, in one round trip when the driver takes them together.
         *
         * @return one result per statement, in the order they were added
         * @throws org.springframework.dao.DataAccessException when a statement fails; the ones after it did not run
         */
        public Results execute() {
            if (steps.size() <= 1 || !together()) {
                List<Object> results = new ArrayList<>(steps.size());
                for (Step step : steps) {
                    results.add(step.mapper() == null ? jdbc.update(step.sql(), step.args())
                            : jdbc.query(step.sql(), step.mapper(), step.args()));
                }
                return new Results(results);
            }
            Object[] all = steps.stream().flatMap(step -> Arrays.stream(step.args())).toArray();
            String sql = String.join(";\n", steps.stream().map(Step::sql).toList());
            return jdbc.execute(sql, (PreparedStatementCallback<Results>) statement -> {
                new ArgumentPreparedStatementSetter(all).setValues(statement);
                boolean resultSet = statement.execute();
                List<Object> results = new ArrayList<>(steps.size());
                for (int i = 0; i < steps.size(); i++) {
                    if (i > 0) {
                        resultSet = statement.getMoreResults();
                    }
                    results.add(result(statement, resultSet, i));
                }
                return new Results(results);
            });
        }

        private Object result(PreparedStatement statement, boolean resultSet, int index) throws SQLException {
            Step step = steps.get(index);
            if (resultSet != (step.mapper() != null)) {
                throw new IllegalStateException("Statement " + (index + 1) + " of a run answered "
                        + (resultSet ? "rows" : "a count") + ": " + step.sql());
            }
            if (step.mapper() == null) {
                return statement.getUpdateCount();
            }
            try (ResultSet rows = statement.getResultSet()) {
                return new RowMapperResultSetExtractor<>(step.mapper()).extractData(rows);
            }
        }
    }

    /** What each statement of a run answered, by its place in the run (0 for the first). */
    public static final class Results {

        private final List<Object> results;

        private Results(List<Object> results) {
            this.results = results;
        }

        /**
         * @param index an update's place in the run
         * @return the rows it changed
         * @throws ClassCastException when the statement there was a query
         */
        public int updated(int index) {
            return (Integer) results.get(index);
        }

        /**
         * @param index a query's place in the run
         * @param <T>   what its mapper made of each row
         * @return its rows, mapped
         * @throws ClassCastException when the statement there was an update
         */
        @SuppressWarnings("unchecked")
        public <T> List<T> rows(int index) {
            return (List<T>) results.get(index);
        }
    }
}
