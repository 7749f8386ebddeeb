package org.orggroups.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.GroupSummary;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads {@code group_view} rows into {@link GroupSummary}, for every query handler that shows groups. */
public final class GroupRows {

    private GroupRows() {
    }

    /** One group's current row, by its id (the only argument), in the {@link #columns} that {@link #map} reads. */
    public static final String CURRENT = "select " + columns("g") + " from group_view g where g.group_id = ?";

    /**
     * @param alias the alias of {@code group_view} in the query
     * @return the columns {@link #read} reads, qualified by {@code alias}
     */
    public static String columns(String alias) {
        return String.join(", ",
                alias + ".group_id", alias + ".name", alias + ".parent_id", alias + ".parent_name",
                alias + ".customers_count", alias + ".version");
    }

    /**
     * @param jdbc    access to {@code group_view}
     * @param groupId a group
     * @return its row in the view, or empty when it has none (never created, or deleted)
     */
    public static Optional<GroupSummary> current(JdbcTemplate jdbc, UUID groupId) {
        return jdbc.query(CURRENT, GroupRows::map, groupId).stream().findFirst();
    }

    /** A {@code RowMapper} view of {@link #read}. */
    public static GroupSummary map(ResultSet rs, int row) throws SQLException {
        return read(rs);
    }

    /**
     * @param rs a result set positioned on a row that has the {@link #columns} (unqualified labels)
     * @return the group
     * @throws SQLException when a column is missing
     */
    public static GroupSummary read(ResultSet rs) throws SQLException {
        UUID parentId = rs.getObject("parent_id", UUID.class);
        return new GroupSummary(
                new GroupId(rs.getObject("group_id", UUID.class)),
                rs.getString("name"),
                parentId == null ? null : new GroupId(parentId),
                rs.getString("parent_name"),
                rs.getLong("customers_count"),
                rs.getLong("version"));
    }
}
