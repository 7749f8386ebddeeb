package org.orggroups.query;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.orggroups.api.MetadataKeys;
import org.orggroups.api.customer.CustomerCreated;
import org.orggroups.api.customer.CustomerDeleted;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.customer.CustomerRenamed;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupRenamed;
import org.orggroups.api.group.GroupReparented;
import org.orggroups.api.query.CustomerSummary;
import org.orggroups.api.query.CustomerVersion;
import org.orggroups.api.query.FindCustomerVersion;
import org.orggroups.api.query.FindGroupVersion;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.GroupVersion;
import org.orggroups.api.query.ListCustomerHistory;
import org.orggroups.api.query.ListGroupHistory;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;
import org.orggroups.api.query.RevisionUser;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers the audit history of groups and customers (API.md section 6). The versions are read from the
 * aggregate's events in the event store itself ({@code domain_event_entry}), not from an audit table: every
 * change is an event, and an update that changes nothing has none. A version is the events one request recorded
 * on the aggregate ({@link #versionsOf}), as Waldur records one revision per request. What a version shows of the
 * resource comes from the timeline tables at its last event's global index, and the names each event's words
 * quote at that event's index, so they are the values of that moment, not today's.
 *
 * <p>Deleted groups and customers keep their events, so their history stays readable.
 */
@Component
public class HistoryQueryHandler {

    /** Between the words of the events of one version, in the order they were recorded (API.md section 6). */
    public static final String COMMENT_SEPARATOR = "; ";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final List<String> groupEventTypes;
    private final List<String> customerEventTypes;

    /**
     * @param jdbc       read access to the event store's table and the timeline tables
     * @param serializer the serializer the event store wrote payloads and metadata with
     */
    public HistoryQueryHandler(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.groupEventTypes = typeNames(GroupCreated.class, GroupRenamed.class, GroupReparented.class,
                GroupDeleted.class);
        this.customerEventTypes = typeNames(CustomerCreated.class, CustomerRenamed.class, CustomerDeleted.class,
                CustomerJoinedGroup.class, CustomerLeftGroup.class);
    }

    /**
     * @param query the group, the optional time window (both ends exclusive) and the page
     * @return the group's versions, newest first; none for an unknown group
     */
    @QueryHandler
    public Page<GroupVersion> handle(ListGroupHistory query) {
        return page(query.groupId().toString(), groupEventTypes,
                window(query.createdAfter(), query.createdBefore()), query.page(),
                (version, events) -> groupVersion(query.groupId(), version, events));
    }

    /**
     * @param query the group and the instant ({@code null} for the latest version)
     * @return the latest version at or before the instant; empty when there is none (or the group is unknown)
     */
    @QueryHandler
    public Optional<GroupVersion> handle(FindGroupVersion query) {
        return latest(query.groupId().toString(), groupEventTypes, query.at(),
                (version, events) -> groupVersion(query.groupId(), version, events));
    }

    /**
     * @param query the customer, the optional time window (both ends exclusive) and the page
     * @return the customer's versions, newest first, its joins and leaves included; none for an unknown customer
     */
    @QueryHandler
    public Page<CustomerVersion> handle(ListCustomerHistory query) {
        return page(query.customerId().toString(), customerEventTypes,
                window(query.createdAfter(), query.createdBefore()), query.page(),
                (version, events) -> customerVersion(query.customerId(), version, events));
    }

    /**
     * @param query the customer and the instant ({@code null} for the latest version)
     * @return the latest version at or before the instant; empty when there is none (or the customer is unknown)
     */
    @QueryHandler
    public Optional<CustomerVersion> handle(FindCustomerVersion query) {
        return latest(query.customerId().toString(), customerEventTypes, query.at(),
                (version, events) -> customerVersion(query.customerId(), version, events));
    }

    /**
     * One stored event of the aggregate, before its payload is read.
     *
     * @param request the id of the request that recorded it ({@link MetadataKeys#REQUEST_ID}), or {@code null}
     */
    private record Entry(long index, Instant time, String request) {
    }

    /** One version before its payloads are read: its events, oldest first, never none. */
    private record Version(List<Entry> entries) {

        Entry last() {
            return entries.get(entries.size() - 1);
        }

        /** A version belongs to the moment its request's last change was recorded. */
        Instant time() {
            return last().time();
        }
    }

    /** One stored event, read. */
    private record StoredEvent(long index, Instant time, Object payload, MetaData metaData) {
    }

    /** The aggregate's versions, newest first; only the metadata is read, so the window and paging need no payloads. */
    private List<Version> versions(String aggregateId, List<String> types) {
        List<Entry> entries = jdbc.query("select global_index, time_stamp, meta_data from domain_event_entry"
                        + " where aggregate_identifier = ? and payload_type in (" + SqlWhere.placeholders(types.size())
                        + ") order by global_index",
                (rs, row) -> new Entry(rs.getLong("global_index"), DateTimeUtils.parseInstant(rs.getString("time_stamp")),
                        requestOf(metaData(rs.getBytes("meta_data")))),
                args(aggregateId, types));
        List<Version> versions = versionsOf(entries);
        Collections.reverse(versions);
        return versions;
    }

    /**
     * The rule of a version: consecutive events of one aggregate that carry the same request id are one version; an
     * event without a request id (recorded before the id existed, or by the operator's tools) is a version of its
     * own. Consecutive, because a request's events on one aggregate are appended in one transaction, under the
     * aggregate's lock, with nothing of another request between them.
     *
     * @param entries an aggregate's events, oldest first
     * @return its versions, oldest first
     */
    private static List<Version> versionsOf(List<Entry> entries) {
        List<Version> versions = new ArrayList<>();
        List<Entry> current = new ArrayList<>();
        for (Entry entry : entries) {
            if (!current.isEmpty() && !sameRequest(current.get(0).request(), entry.request())) {
                versions.add(new Version(List.copyOf(current)));
                current.clear();
            }
            current.add(entry);
        }
        if (!current.isEmpty()) {
            versions.add(new Version(List.copyOf(current)));
        }
        return versions;
    }

    /**
     * The rule of {@link #versionsOf}, for every history (offerings' and plans' too).
     *
     * @param earlierRequest the request id of a version's events ({@link MetadataKeys#REQUEST_ID}), or {@code null}
     * @param laterRequest   the request id of the aggregate's next event, or {@code null}
     * @return whether the next event belongs to the same version: both carry the same request id
     */
    public static boolean sameRequest(Object earlierRequest, Object laterRequest) {
        return earlierRequest != null && earlierRequest.equals(laterRequest);
    }

    private static String requestOf(MetaData metaData) {
        Object request = metaData.get(MetadataKeys.REQUEST_ID);
        return request == null ? null : request.toString();
    }

    private <V> Page<V> page(String aggregateId, List<String> types, Predicate<Instant> window, PageRequest request,
                             BiFunction<Version, List<StoredEvent>, V> render) {
        List<Version> matching = versions(aggregateId, types).stream().filter(v -> window.test(v.time())).toList();
        return Paging.page(request, matching.size(), (offset, limit) -> {
            List<Version> slice = matching.subList((int) Math.min(offset, matching.size()),
                    (int) Math.min(offset + limit, matching.size()));
            Map<Long, StoredEvent> read = read(slice.stream().flatMap(v -> v.entries().stream()).toList());
            return slice.stream().map(v -> render.apply(v, events(v, read))).toList();
        });
    }

    private <V> Optional<V> latest(String aggregateId, List<String> types, Instant at,
                                   BiFunction<Version, List<StoredEvent>, V> render) {
        return versions(aggregateId, types).stream()
                .filter(v -> at == null || !v.time().isAfter(at))
                .findFirst()
                .map(v -> render.apply(v, events(v, read(v.entries()))));
    }

    private static List<StoredEvent> events(Version version, Map<Long, StoredEvent> read) {
        return version.entries().stream().map(e -> read.get(e.index())).toList();
    }

    private static Predicate<Instant> window(Instant after, Instant before) {
        return time -> (after == null || time.isAfter(after)) && (before == null || time.isBefore(before));
    }

    /** Reads payloads and metadata of the entries, by global index. */
    private Map<Long, StoredEvent> read(List<Entry> entries) {
        Map<Long, StoredEvent> byIndex = new HashMap<>();
        if (entries.isEmpty()) {
            return byIndex;
        }
        jdbc.query("select global_index, time_stamp, payload_type, payload_revision, payload, meta_data"
                        + " from domain_event_entry where global_index in (" + SqlWhere.placeholders(entries.size()) + ")",
                (ResultSet rs) -> {
                    StoredEvent event = new StoredEvent(rs.getLong("global_index"),
                            DateTimeUtils.parseInstant(rs.getString("time_stamp")),
                            serializer.deserialize(serialized(rs.getBytes("payload"), rs.getString("payload_type"),
                                    rs.getString("payload_revision"))),
                            metaData(rs.getBytes("meta_data")));
                    byIndex.put(event.index(), event);
                },
                entries.stream().map(Entry::index).toArray());
        return byIndex;
    }

    private MetaData metaData(byte[] bytes) {
        if (bytes == null) {
            return MetaData.emptyInstance();
        }
        return serializer.deserialize(serialized(bytes, MetaData.class.getName(), null));
    }

    private static SerializedObject<byte[]> serialized(byte[] bytes, String type, String revision) {
        return new SimpleSerializedObject<>(bytes, byte[].class, new SimpleSerializedType(type, revision));
    }

    /**
     * @param events the version's events, read, oldest first
     * @return the version: its last event's id, time and user, the words of each event in order, joined by
     *         {@code "; "}, and the group right after the last
     */
    private GroupVersion groupVersion(GroupId groupId, Version version, List<StoredEvent> events) {
        String comment = events.stream().map(e -> groupComment(e.payload(), e.index()))
                .collect(Collectors.joining(COMMENT_SEPARATOR));
        StoredEvent last = events.get(events.size() - 1);
        return new GroupVersion(last.index(), version.time(), user(last.metaData()), comment,
                groupAt(groupId, last.index()).orElse(null));
    }

    private String groupComment(Object payload, long at) {
        if (payload instanceof GroupCreated created) {
            return "Created " + quoted(created.name()) + (created.parentId() == null ? ""
                    : " under " + quoted(groupNameAt(created.parentId(), at)));
        } else if (payload instanceof GroupRenamed renamed) {
            return "Renamed from " + quoted(renamed.previousName()) + " to " + quoted(renamed.name());
        } else if (payload instanceof GroupReparented moved) {
            return "Moved from " + place(moved.previousParentId(), at) + " to " + place(moved.parentId(), at);
        } else if (payload instanceof GroupDeleted deleted) {
            return !deleted.cascaded() ? "Deleted"
                    : "Deleted with its " + (deleted.deletedBy().equals(deleted.parentId()) ? "parent " : "ancestor ")
                    + quoted(groupNameAt(deleted.deletedBy(), at));
        }
        throw new IllegalStateException("not a group event: " + payload.getClass());
    }

    /** As {@link #groupVersion}, with the customer right after the last event. */
    private CustomerVersion customerVersion(CustomerId customerId, Version version, List<StoredEvent> events) {
        String comment = events.stream().map(e -> customerComment(e.payload(), e.index()))
                .collect(Collectors.joining(COMMENT_SEPARATOR));
        StoredEvent last = events.get(events.size() - 1);
        return new CustomerVersion(last.index(), version.time(), user(last.metaData()), comment,
                customerAt(customerId, last.index()).orElse(null));
    }

    private String customerComment(Object payload, long at) {
        if (payload instanceof CustomerCreated created) {
            return "Created " + quoted(created.name());
        } else if (payload instanceof CustomerRenamed renamed) {
            return "Renamed from " + quoted(renamed.previousName()) + " to " + quoted(renamed.name());
        } else if (payload instanceof CustomerDeleted) {
            return "Deleted";
        } else if (payload instanceof CustomerJoinedGroup joined) {
            return "Joined " + quoted(groupNameAt(joined.groupId(), at));
        } else if (payload instanceof CustomerLeftGroup left) {
            return "Left " + quoted(groupNameAt(left.groupId(), at)) + (left.groupDeleted() ? " (group deleted)" : "");
        }
        throw new IllegalStateException("not a customer event: " + payload.getClass());
    }

    /**
     * @return the group's last state at the global index {@code at}: the row the event at {@code at} (or the
     *         latest one before it) began; after a deletion, the state it was deleted in
     */
    private Optional<GroupSummary> groupAt(GroupId groupId, long at) {
        return jdbc.query("select " + GroupRows.columns("g") + " from group_timeline g"
                        + " where g.group_id = ? and g.from_index <= ? order by g.from_index desc, g.row_id desc"
                        + " fetch first 1 rows only",
                GroupRows::map, groupId.uuid(), at).stream().findFirst();
    }

    private String groupNameAt(GroupId groupId, long at) {
        // A name the timeline cannot give (events older than it, before a rebuild) is shown by id instead.
        return groupAt(groupId, at).map(GroupSummary::name).orElse(groupId.toString());
    }

    /** @return a parent's name quoted, or the words for the top of the tree */
    private String place(GroupId parentId, long at) {
        return parentId == null ? "the top level" : quoted(groupNameAt(parentId, at));
    }

    /**
     * @return the customer's last state at the global index {@code at}, with the groups it was a member of then,
     *         each as it was then, ordered by name then uuid
     */
    private Optional<CustomerSummary> customerAt(CustomerId customerId, long at) {
        List<String> names = jdbc.queryForList("select name from customer_timeline where customer_id = ?"
                + " and from_index <= ? order by from_index desc, row_id desc fetch first 1 rows only",
                String.class, customerId.uuid(), at);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<GroupSummary> groups = new ArrayList<>();
        jdbc.query("select " + GroupRows.columns("g") + " from customer_group_timeline m"
                        + " join group_timeline g on g.group_id = m.group_id"
                        + " where m.customer_id = ? and m.from_index <= ? and (m.to_index is null or m.to_index > ?)"
                        + " and g.from_index <= ? and (g.to_index is null or g.to_index > ?)"
                        + " order by g.name asc, g.group_id asc",
                (ResultSet rs) -> {
                    groups.add(GroupRows.read(rs));
                },
                customerId.uuid(), at, at, at, at);
        return Optional.of(new CustomerSummary(customerId, names.get(0), groups));
    }

    /**
     * @param metaData an event's metadata
     * @return who made the change, or {@code null} when no user (or no user uuid) is recorded
     */
    public static RevisionUser user(MetaData metaData) {
        Object uuid = metaData.get(MetadataKeys.USER_UUID);
        if (uuid == null) {
            return null;
        }
        Object username = metaData.get(MetadataKeys.USERNAME);
        try {
            return new RevisionUser(UUID.fromString(uuid.toString()), username == null ? null : username.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** @return the name in double quotes, as history comments show names */
    public static String quoted(String name) {
        return "\"" + name + "\"";
    }

    private List<String> typeNames(Class<?>... types) {
        List<String> names = new ArrayList<>();
        for (Class<?> type : types) {
            names.add(serializer.typeForClass(type).getName());
        }
        return List.copyOf(names);
    }

    private static Object[] args(String aggregateId, List<String> types) {
        List<Object> all = new ArrayList<>();
        all.add(aggregateId);
        all.addAll(types);
        return all.toArray();
    }

}
