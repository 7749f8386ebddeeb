package org.orggroups.command.tree;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.OfferingId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * {@link GroupTree} on the tables {@code group_tree}, {@code group_member}, {@code provider_offering} and
 * {@code tree_lock}, which
 * {@link GroupTreeProjection} keeps in the same transaction as the events. Locks are
 * {@code SELECT ... FOR UPDATE}, which PostgreSQL and H2 both honour, so they hold across every node sharing
 * the database. The SQL is plain enough for both.
 */
@Component
public class JdbcGroupTree implements GroupTree {

    /** Keeps {@code in (...)} lists well below every driver's limit on bind parameters. */
    private static final int MAX_IN_LIST = 500;

    /**
     * Stops a walk up a corrupted parent chain; a real tree is never near this deep. A cycle cannot be
     * stored through the aggregates, but a loop here would otherwise spin inside the database.
     */
    private static final int MAX_DEPTH = 10_000;

    private static final RowMapper<UUID> UUID_COLUMN = (rs, row) -> rs.getObject(1, UUID.class);

    /** Same order as PostgreSQL's and H2's {@code uuid} order; {@link UUID#compareTo} compares signed. */
    static final Comparator<GroupId> GROUP_ORDER = Comparator.comparing(GroupId::toString);

    private final JdbcTemplate jdbc;

    /** @param jdbc the template on the service's database */
    public JdbcGroupTree(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when the lock row is missing (the schema migration inserts it)
     */
    @Override
    public void lockShape() {
        List<Integer> rows = jdbc.queryForList("select id from tree_lock where id = 1 for update", Integer.class);
        if (rows.isEmpty()) {
            throw new IllegalStateException("tree_lock has no row with id 1; the schema is not migrated");
        }
    }

    @Override
    public boolean lockLiveGroup(GroupId groupId) {
        List<Boolean> deleted = jdbc.queryForList(
                "select deleted from group_tree where group_id = ? for update", Boolean.class, groupId.uuid());
        return !deleted.isEmpty() && !deleted.get(0);
    }

    @Override
    public List<GroupId> ancestorsOf(GroupId groupId) {
        return jdbc.query("""
                        with recursive chain (group_id, parent_id, depth) as (
                            select group_id, parent_id, 0 from group_tree where group_id = ?
                            union all
                            select t.group_id, t.parent_id, c.depth + 1
                            from group_tree t join chain c on t.group_id = c.parent_id
                            where c.depth < ?
                        )
                        select group_id from chain order by depth""",
                UUID_COLUMN, groupId.uuid(), MAX_DEPTH).stream().map(GroupId::new).toList();
    }

    @Override
    public List<GroupId> lockSubtreeDeepestFirst(GroupId root) {
        jdbc.queryForList("select group_id from group_tree where group_id = ? for update", UUID.class, root.uuid());
        List<List<GroupId>> levels = new ArrayList<>();
        List<GroupId> level = List.of(root);
        while (!level.isEmpty() && levels.size() < MAX_DEPTH) {
            levels.add(level);
            level = lockLiveChildren(level);
        }
        Collections.reverse(levels);
        return levels.stream().flatMap(List::stream).toList();
    }

    /** Locks and returns the live children of groups whose rows this transaction has already locked. */
    private List<GroupId> lockLiveChildren(List<GroupId> parents) {
        List<GroupId> children = new ArrayList<>();
        for (List<GroupId> chunk : chunks(parents)) {
            String sql = "select group_id from group_tree where parent_id in (" + placeholders(chunk.size())
                    + ") and deleted = false for update";
            jdbc.query(sql, UUID_COLUMN, uuids(chunk)).forEach(uuid -> children.add(new GroupId(uuid)));
        }
        children.sort(GROUP_ORDER);
        return children;
    }

    @Override
    public Map<GroupId, GroupId> parentsOf(List<GroupId> groupIds) {
        Map<GroupId, GroupId> parents = new HashMap<>();
        for (List<GroupId> chunk : chunks(groupIds)) {
            String sql = "select group_id, parent_id from group_tree where parent_id is not null and group_id in ("
                    + placeholders(chunk.size()) + ")";
            jdbc.query(sql, rs -> {
                parents.put(new GroupId(rs.getObject(1, UUID.class)), new GroupId(rs.getObject(2, UUID.class)));
            }, uuids(chunk));
        }
        Map<GroupId, GroupId> ordered = new LinkedHashMap<>();
        groupIds.stream().filter(parents::containsKey).forEach(g -> ordered.put(g, parents.get(g)));
        return Collections.unmodifiableMap(ordered);
    }

    @Override
    public Set<CustomerId> membersOf(Collection<GroupId> groupIds) {
        List<CustomerId> members = new ArrayList<>();
        for (List<GroupId> chunk : chunks(List.copyOf(groupIds))) {
            String sql = "select distinct customer_id from group_member where group_id in ("
                    + placeholders(chunk.size()) + ")";
            jdbc.query(sql, UUID_COLUMN, uuids(chunk)).forEach(uuid -> members.add(new CustomerId(uuid)));
        }
        members.sort(Comparator.comparing(CustomerId::toString));
        return Collections.unmodifiableSet(new LinkedHashSet<>(members));
    }

    @Override
    public Set<OfferingId> offeringsOf(CustomerId providerId) {
        List<OfferingId> offerings = new ArrayList<>();
        jdbc.query("select offering_id from provider_offering where provider_id = ?", UUID_COLUMN, providerId.uuid())
                .forEach(uuid -> offerings.add(new OfferingId(uuid)));
        offerings.sort(Comparator.comparing(OfferingId::toString));
        return Collections.unmodifiableSet(new LinkedHashSet<>(offerings));
    }

    private static List<List<GroupId>> chunks(List<GroupId> ids) {
        List<List<GroupId>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_IN_LIST) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + MAX_IN_LIST)));
        }
        return chunks;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static Object[] uuids(List<GroupId> ids) {
        return ids.stream().map(GroupId::uuid).toArray();
    }
}
