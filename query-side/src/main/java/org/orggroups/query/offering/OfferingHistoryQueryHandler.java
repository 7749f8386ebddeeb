package org.orggroups.query.offering;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.orggroups.api.MetadataKeys;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.OfferingAccessOpened;
import org.orggroups.api.offering.OfferingAccessRestricted;
import org.orggroups.api.offering.OfferingCreated;
import org.orggroups.api.offering.OfferingDeleted;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanAccessOpened;
import org.orggroups.api.offering.PlanAccessRestricted;
import org.orggroups.api.offering.PlanCreated;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.RevisionUser;
import org.orggroups.api.query.offering.FindOfferingVersion;
import org.orggroups.api.query.offering.ListOfferingHistory;
import org.orggroups.api.query.offering.OfferingSummary;
import org.orggroups.api.query.offering.OfferingVersion;
import org.orggroups.api.query.offering.PlanSummary;
import org.orggroups.query.GroupRows;
import org.orggroups.query.HistoryQueryHandler;
import org.orggroups.query.Paging;
import org.orggroups.query.SqlWhere;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers the history of offerings and plans (API.md section 6, as for groups): the versions are the events of the
 * offering's stream in the event store, newest first, deleted offerings included. The stream is read whole and
 * folded, so each version shows the offering (or plan) right after its event; the groups it shows and its comment
 * names are those of that moment, read from {@code group_timeline} at the event's global index (groups deleted by
 * then are left out), and the provider's name from {@code customer_timeline}.
 *
 * <p>An offering's versions are the events of its stream; a plan's are the events that concern it, and the
 * {@link OfferingDeleted} that ended it. Consecutive events of one request are one version, whose comment joins
 * theirs with {@code "; "} (an offering created with two open plans: {@code Created "X"; Added plan "A"; Added plan
 * "B"}), as for groups and customers. Comments (group lists as {@code "A", "B"}, by name then uuid, followed by
 * {@code  and their descendant groups} when the restriction includes them):
 * <ul>
 *   <li>offering: {@code Created "<name>"}, {@code Created "<name>" restricted to <groups>},
 *       {@code Restricted to <groups>}, {@code Opened to all customers},
 *       {@code Deleted with its provider "<provider>"};</li>
 *   <li>a plan's event in its offering's history: {@code Added plan "<plan>"} (with {@code  restricted to <groups>}),
 *       {@code Plan "<plan>" restricted to <groups>}, {@code Plan "<plan>" opened to all customers};</li>
 *   <li>plan: {@code Created "<name>"}, {@code Created "<name>" restricted to <groups>},
 *       {@code Restricted to <groups>}, {@code Opened to all customers},
 *       {@code Deleted with its offering "<offering>"}.</li>
 * </ul>
 */
@Component
public class OfferingHistoryQueryHandler {

    private static final List<Class<?>> EVENT_TYPES = List.of(OfferingCreated.class, OfferingAccessRestricted.class,
            OfferingAccessOpened.class, PlanCreated.class, PlanAccessRestricted.class, PlanAccessOpened.class,
            OfferingDeleted.class);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final List<String> eventTypes;

    /**
     * @param jdbc       read access to the event store's table and the timeline tables
     * @param serializer the serializer the event store wrote payloads and metadata with
     */
    public OfferingHistoryQueryHandler(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.eventTypes = EVENT_TYPES.stream().map(t -> serializer.typeForClass(t).getName()).toList();
    }

    /**
     * @param query the offering or plan, the optional window (both ends exclusive) and the page
     * @return its versions, newest first; none for an unknown offering or plan
     */
    @QueryHandler
    public Page<OfferingVersion> handle(ListOfferingHistory query) {
        List<Version> versions = versions(query.offeringId(), query.planId()).stream()
                .filter(v -> (query.createdAfter() == null || v.time().isAfter(query.createdAfter()))
                        && (query.createdBefore() == null || v.time().isBefore(query.createdBefore())))
                .toList();
        return Paging.page(query.page(), versions.size(), (offset, limit) -> versions
                .subList((int) offset, (int) Math.min(offset + limit, versions.size())).stream()
                .map(this::render).toList());
    }

    /**
     * @param query the offering or plan and the instant ({@code null} for the latest version)
     * @return the latest version at or before the instant; empty when there is none
     */
    @QueryHandler
    public Optional<OfferingVersion> handle(FindOfferingVersion query) {
        return versions(query.offeringId(), query.planId()).stream()
                .filter(v -> query.at() == null || !v.time().isAfter(query.at()))
                .findFirst().map(this::render);
    }

    /** A plan's state in the fold. */
    private record PlanState(PlanId planId, String name, boolean restricted, boolean includeDescendantGroups,
                             List<GroupId> groupIds, long version) {
    }

    /** The offering's state in the fold: immutable, so that each version keeps its own. */
    private record State(OfferingId offeringId, String name, CustomerId providerId, boolean shared, boolean restricted,
                         boolean includeDescendantGroups, List<GroupId> groupIds, Map<PlanId, PlanState> plans,
                         long version) {

        State with(boolean restricted, boolean includeDescendantGroups, List<GroupId> groupIds, long version) {
            return new State(offeringId, name, providerId, shared, restricted, includeDescendantGroups, groupIds,
                    plans, version);
        }

        State withPlan(PlanState plan, long version) {
            Map<PlanId, PlanState> changed = new LinkedHashMap<>(plans);
            changed.put(plan.planId(), plan);
            return new State(offeringId, name, providerId, shared, restricted, includeDescendantGroups, groupIds,
                    changed, version);
        }
    }

    /**
     * One version: the events of one request, oldest first, and the state right after the last (before it, for a
     * deletion). Its index, time and metadata are the last event's.
     *
     * @param planId the plan whose history this is, or {@code null} for the offering's
     */
    private record Version(long index, Instant time, MetaData metaData, List<Object> events, State state,
                           PlanId planId) {

        /** @return whether the stored event was recorded by the same request as this version's events */
        boolean sameRequest(Stored stored) {
            return HistoryQueryHandler.sameRequest(metaData.get(MetadataKeys.REQUEST_ID),
                    stored.metaData().get(MetadataKeys.REQUEST_ID));
        }
    }

    /** @return the versions of the offering, or of one of its plans, newest first */
    private List<Version> versions(OfferingId offeringId, PlanId planId) {
        List<Version> versions = new ArrayList<>();
        State state = null;
        for (Stored stored : stream(offeringId)) {
            Object event = stored.payload();
            long version = stored.sequence();
            PlanId concerns = null;
            if (event instanceof OfferingCreated created) {
                state = new State(created.offeringId(), created.name(), created.providerId(), created.shared(),
                        !created.groupIds().isEmpty(), created.includeDescendantGroups(), created.groupIds(),
                        Map.of(), version);
            } else if (state == null) {
                continue;
            } else if (event instanceof OfferingAccessRestricted restricted) {
                state = state.with(true, restricted.includeDescendantGroups(), restricted.groupIds(), version);
            } else if (event instanceof OfferingAccessOpened) {
                state = state.with(false, false, List.of(), version);
            } else if (event instanceof PlanCreated created) {
                concerns = created.planId();
                state = state.withPlan(new PlanState(created.planId(), created.name(), !created.groupIds().isEmpty(),
                        created.includeDescendantGroups(), created.groupIds(), version), version);
            } else if (event instanceof PlanAccessRestricted restricted && state.plans().containsKey(restricted.planId())) {
                concerns = restricted.planId();
                PlanState plan = state.plans().get(concerns);
                state = state.withPlan(new PlanState(concerns, plan.name(), true, restricted.includeDescendantGroups(),
                        restricted.groupIds(), version), version);
            } else if (event instanceof PlanAccessOpened opened && state.plans().containsKey(opened.planId())) {
                concerns = opened.planId();
                PlanState plan = state.plans().get(concerns);
                state = state.withPlan(new PlanState(concerns, plan.name(), false, false, List.of(), version), version);
            } else if (event instanceof OfferingDeleted && planId != null) {
                // A deletion ends every plan of the offering.
                concerns = state.plans().containsKey(planId) ? planId : null;
            }
            if (planId == null || planId.equals(concerns)) {
                // One request's events are one version (HistoryQueryHandler states the rule for every history).
                Version previous = versions.isEmpty() ? null : versions.get(versions.size() - 1);
                List<Object> events = new ArrayList<>();
                if (previous != null && previous.sameRequest(stored)) {
                    events.addAll(previous.events());
                    versions.remove(versions.size() - 1);
                }
                events.add(event);
                versions.add(new Version(stored.index(), stored.time(), stored.metaData(), List.copyOf(events), state,
                        planId));
            }
        }
        Collections.reverse(versions);
        return versions;
    }

    /** One stored event of the offering's stream, read. */
    private record Stored(long index, long sequence, Instant time, Object payload, MetaData metaData) {
    }

    /** @return the offering's stream, oldest first (streams of offerings are short: its own and its plans' changes) */
    private List<Stored> stream(OfferingId offeringId) {
        List<Object> args = new ArrayList<>();
        args.add(offeringId.toString());
        args.addAll(eventTypes);
        return jdbc.query("select global_index, sequence_number, time_stamp, payload_type, payload_revision, payload,"
                        + " meta_data from domain_event_entry where aggregate_identifier = ? and payload_type in ("
                        + SqlWhere.placeholders(eventTypes.size()) + ") order by sequence_number",
                (rs, row) -> new Stored(rs.getLong("global_index"), rs.getLong("sequence_number"),
                        DateTimeUtils.parseInstant(rs.getString("time_stamp")),
                        serializer.deserialize(serialized(rs.getBytes("payload"), rs.getString("payload_type"),
                                rs.getString("payload_revision"))),
                        metaData(rs.getBytes("meta_data"))),
                args.toArray());
    }

    private MetaData metaData(byte[] bytes) {
        return bytes == null ? MetaData.emptyInstance()
                : serializer.deserialize(serialized(bytes, MetaData.class.getName(), null));
    }

    private static SerializedObject<byte[]> serialized(byte[] bytes, String type, String revision) {
        return new SimpleSerializedObject<>(bytes, byte[].class, new SimpleSerializedType(type, revision));
    }

    private OfferingVersion render(Version version) {
        State state = version.state();
        long at = version.index();
        Set<GroupId> named = new HashSet<>(state.groupIds());
        state.plans().values().forEach(p -> named.addAll(p.groupIds()));
        Map<GroupId, GroupSummary> groups = groupsAt(named, at);
        RevisionUser user = HistoryQueryHandler.user(version.metaData());
        if (version.planId() == null) {
            return new OfferingVersion(at, version.time(), user, version.events().stream()
                    .map(event -> offeringComment(event, state, groups, at))
                    .collect(Collectors.joining(HistoryQueryHandler.COMMENT_SEPARATOR)),
                    offering(state, groups, at), null);
        }
        return new OfferingVersion(at, version.time(), user, version.events().stream()
                .map(event -> planComment(event, state, groups))
                .collect(Collectors.joining(HistoryQueryHandler.COMMENT_SEPARATOR)), null,
                plan(state.offeringId(), state.plans().get(version.planId()), groups));
    }

    private String offeringComment(Object event, State state, Map<GroupId, GroupSummary> groups, long at) {
        if (event instanceof OfferingCreated created) {
            return "Created " + HistoryQueryHandler.quoted(created.name())
                    + restrictedTo(" restricted to ", created.groupIds(), created.includeDescendantGroups(), groups);
        } else if (event instanceof OfferingAccessRestricted restricted) {
            return restrictedTo("Restricted to ", restricted.groupIds(), restricted.includeDescendantGroups(), groups);
        } else if (event instanceof OfferingAccessOpened) {
            return "Opened to all customers";
        } else if (event instanceof PlanCreated created) {
            return "Added plan " + HistoryQueryHandler.quoted(created.name())
                    + restrictedTo(" restricted to ", created.groupIds(), created.includeDescendantGroups(), groups);
        } else if (event instanceof PlanAccessRestricted restricted) {
            return "Plan " + planName(state, restricted.planId()) + restrictedTo(" restricted to ",
                    restricted.groupIds(), restricted.includeDescendantGroups(), groups);
        } else if (event instanceof PlanAccessOpened opened) {
            return "Plan " + planName(state, opened.planId()) + " opened to all customers";
        } else if (event instanceof OfferingDeleted deleted) {
            return "Deleted with its provider " + HistoryQueryHandler.quoted(customerNameAt(deleted.providerId(), at));
        }
        throw new IllegalStateException("not an offering event: " + event.getClass());
    }

    private static String planComment(Object event, State state, Map<GroupId, GroupSummary> groups) {
        if (event instanceof PlanCreated created) {
            return "Created " + HistoryQueryHandler.quoted(created.name())
                    + restrictedTo(" restricted to ", created.groupIds(), created.includeDescendantGroups(), groups);
        } else if (event instanceof PlanAccessRestricted restricted) {
            return restrictedTo("Restricted to ", restricted.groupIds(), restricted.includeDescendantGroups(), groups);
        } else if (event instanceof PlanAccessOpened) {
            return "Opened to all customers";
        } else if (event instanceof OfferingDeleted) {
            return "Deleted with its offering " + HistoryQueryHandler.quoted(state.name());
        }
        throw new IllegalStateException("not a plan event: " + event.getClass());
    }

    /** @return the plan's name quoted; a plan the stream never created (none should be) by its id */
    private static String planName(State state, PlanId planId) {
        PlanState plan = state.plans().get(planId);
        return HistoryQueryHandler.quoted(plan == null ? planId.toString() : plan.name());
    }

    /**
     * @return {@code prefix "A", "B"} (with the descendants' words when they are included) for a non-empty set;
     *         empty for none. A group the timeline does not know then is shown by id.
     */
    private static String restrictedTo(String prefix, List<GroupId> groupIds, boolean descendants,
                                       Map<GroupId, GroupSummary> groups) {
        if (groupIds.isEmpty()) {
            return "";
        }
        String names = groupIds.stream()
                .sorted(Comparator.comparing((GroupId g) -> groups.containsKey(g) ? groups.get(g).name() : g.toString())
                        .thenComparing(GroupId::toString))
                .map(g -> HistoryQueryHandler.quoted(groups.containsKey(g) ? groups.get(g).name() : g.toString()))
                .collect(Collectors.joining(", "));
        return prefix + names + (descendants ? " and their descendant groups" : "");
    }

    private OfferingSummary offering(State state, Map<GroupId, GroupSummary> groups, long at) {
        List<PlanSummary> plans = state.plans().values().stream()
                .map(p -> plan(state.offeringId(), p, groups))
                .sorted(Comparator.comparing(PlanSummary::name).thenComparing(p -> p.planId().uuid().toString()))
                .toList();
        return new OfferingSummary(state.offeringId(), state.name(), state.providerId(),
                customerNameAt(state.providerId(), at), state.shared(), state.restricted(),
                state.includeDescendantGroups(), live(state.groupIds(), groups), plans, state.version());
    }

    private static PlanSummary plan(OfferingId offeringId, PlanState plan, Map<GroupId, GroupSummary> groups) {
        return new PlanSummary(plan.planId(), offeringId, plan.name(), plan.restricted(),
                plan.includeDescendantGroups(), live(plan.groupIds(), groups), plan.version());
    }

    /** @return the groups that were live then, ordered by name then uuid */
    private static List<GroupSummary> live(List<GroupId> groupIds, Map<GroupId, GroupSummary> groups) {
        return groupIds.stream().filter(groups::containsKey).map(groups::get)
                .sorted(Comparator.comparing(GroupSummary::name).thenComparing(g -> g.groupId().toString()))
                .toList();
    }

    /** @return the groups as they were at the global index {@code at}, those live then only */
    private Map<GroupId, GroupSummary> groupsAt(Set<GroupId> groupIds, long at) {
        Map<GroupId, GroupSummary> groups = new HashMap<>();
        if (groupIds.isEmpty()) {
            return groups;
        }
        List<Object> args = new ArrayList<>(groupIds.stream().map(GroupId::uuid).toList());
        args.add(at);
        args.add(at);
        jdbc.query("select " + GroupRows.columns("g") + " from group_timeline g where g.group_id in ("
                        + SqlWhere.placeholders(groupIds.size()) + ") and g.from_index <= ?"
                        + " and (g.to_index is null or g.to_index > ?)",
                (ResultSet rs) -> {
                    GroupSummary group = GroupRows.read(rs);
                    groups.put(group.groupId(), group);
                }, args.toArray());
        return groups;
    }

    /** @return the customer's name at the global index {@code at}: its last name then, even when deleted since */
    private String customerNameAt(CustomerId customerId, long at) {
        List<String> names = jdbc.queryForList("select name from customer_timeline where customer_id = ?"
                + " and from_index <= ? order by from_index desc, row_id desc fetch first 1 rows only",
                String.class, customerId.uuid(), at);
        return names.isEmpty() ? customerId.toString() : names.get(0);
    }
}
