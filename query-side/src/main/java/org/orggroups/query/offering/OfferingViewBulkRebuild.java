package org.orggroups.query.offering;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.orggroups.api.group.GroupDeleted;
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
import org.orggroups.api.replay.BulkRebuild;
import org.orggroups.api.replay.RowSink;
import org.springframework.stereotype.Component;

/**
 * The bulk rebuild of {@link OfferingViewProjection}: the rows its handlers write for the same events, computed in
 * memory. {@code plan_stream} rows never change, so each is handed to the sink when its plan is created; the other
 * tables at {@link Fold#finish()}. Ids are {@link UUID}s, versions {@link Long}s, flags {@link Boolean}s. Where a
 * handler throws an {@link IllegalStateException}, the fold throws one with the same message.
 */
@Component
public class OfferingViewBulkRebuild implements BulkRebuild {

    /** {@code offering_view}: one row per live offering. */
    public static final Table OFFERING_VIEW = Table.of("offering_view", "offering_id", "name", "provider_id",
            "shared", "restricted", "include_descendant_groups", "version");
    /** {@code offering_group_view}: the live groups of each offering's restriction. */
    public static final Table OFFERING_GROUP_VIEW = Table.of("offering_group_view", "offering_id", "group_id");
    /** {@code plan_view}: one row per plan of a live offering. */
    public static final Table PLAN_VIEW = Table.of("plan_view", "plan_id", "offering_id", "name", "restricted",
            "include_descendant_groups", "version");
    /** {@code plan_group_view}: the live groups of each plan's restriction. */
    public static final Table PLAN_GROUP_VIEW = Table.of("plan_group_view", "plan_id", "group_id");
    /** {@code plan_stream}: every plan ever created and its offering. */
    public static final Table PLAN_STREAM = Table.of("plan_stream", "plan_id", "offering_id");

    /** @return {@value OfferingViewProjection#PROCESSING_GROUP}, the projection's processing group */
    @Override
    public String processingGroup() {
        return OfferingViewProjection.PROCESSING_GROUP;
    }

    /** @return the tables {@link OfferingViewProjection#reset()} empties */
    @Override
    public List<Table> tables() {
        return List.of(OFFERING_VIEW, OFFERING_GROUP_VIEW, PLAN_VIEW, PLAN_GROUP_VIEW, PLAN_STREAM);
    }

    /**
     * @param sink receives {@code plan_stream} rows during {@link Fold#apply}, everything else in
     *             {@link Fold#finish()}
     * @return an empty fold, as after {@link OfferingViewProjection#reset()}
     */
    @Override
    public Fold start(RowSink sink) {
        return new OfferingViewFold(sink);
    }

    /** A restriction's state: the flags and the live groups. */
    private static class Restricted {
        boolean restricted;
        boolean includeDescendantGroups;
        long version;
        final Set<UUID> groups = new LinkedHashSet<>();

        void set(List<GroupId> groupIds, boolean restricted, boolean includeDescendantGroups) {
            groups.clear();
            groupIds.forEach(g -> groups.add(g.uuid()));
            this.restricted = restricted;
            this.includeDescendantGroups = includeDescendantGroups;
        }
    }

    private static final class Offering extends Restricted {
        final String name;
        final UUID providerId;
        final boolean shared;
        final Set<UUID> plans = new LinkedHashSet<>();

        Offering(String name, UUID providerId, boolean shared) {
            this.name = name;
            this.providerId = providerId;
            this.shared = shared;
        }
    }

    private static final class Plan extends Restricted {
        final UUID offeringId;
        final String name;

        Plan(UUID offeringId, String name) {
            this.offeringId = offeringId;
            this.name = name;
        }
    }

    private static final class OfferingViewFold implements Fold {

        private final RowSink sink;
        private final Map<UUID, Offering> offerings = new HashMap<>();
        private final Map<UUID, Plan> plans = new HashMap<>();
        private final Set<UUID> streams = new HashSet<>();
        /** Which restrictions name each group, so that a group's delete touches only those. */
        private final Map<UUID, Set<UUID>> offeringsByGroup = new HashMap<>();
        private final Map<UUID, Set<UUID>> plansByGroup = new HashMap<>();
        private boolean finished;

        OfferingViewFold(RowSink sink) {
            this.sink = sink;
        }

        @Override
        public void apply(long globalIndex, DomainEventMessage<?> event) {
            if (finished) {
                throw new IllegalStateException("the fold has finished");
            }
            long version = event.getSequenceNumber();
            Object payload = event.getPayload();
            if (payload instanceof OfferingCreated created) {
                UUID id = created.offeringId().uuid();
                if (offerings.containsKey(id)) {
                    throw new IllegalStateException("offering_view already has a row for offering " + id);
                }
                Offering offering = new Offering(created.name(), created.providerId().uuid(), created.shared());
                offerings.put(id, offering);
                restrict(offering, id, offeringsByGroup, created.groupIds(), !created.groupIds().isEmpty(),
                        created.includeDescendantGroups(), version);
            } else if (payload instanceof OfferingAccessRestricted restricted) {
                UUID id = restricted.offeringId().uuid();
                restrict(offering(restricted.offeringId()), id, offeringsByGroup, restricted.groupIds(), true,
                        restricted.includeDescendantGroups(), version);
            } else if (payload instanceof OfferingAccessOpened opened) {
                UUID id = opened.offeringId().uuid();
                restrict(offering(opened.offeringId()), id, offeringsByGroup, List.of(), false, false, version);
            } else if (payload instanceof PlanCreated created) {
                Offering offering = offering(created.offeringId());
                offering.version = version;
                UUID id = created.planId().uuid();
                if (!streams.add(id)) {
                    throw new IllegalStateException("plan_stream already has a row for plan " + id);
                }
                Plan plan = new Plan(created.offeringId().uuid(), created.name());
                plans.put(id, plan);
                offering.plans.add(id);
                restrict(plan, id, plansByGroup, created.groupIds(), !created.groupIds().isEmpty(),
                        created.includeDescendantGroups(), version);
                sink.add(PLAN_STREAM.name(), id, created.offeringId().uuid());
            } else if (payload instanceof PlanAccessRestricted restricted) {
                offering(restricted.offeringId()).version = version;
                restrict(plan(restricted.planId()), restricted.planId().uuid(), plansByGroup, restricted.groupIds(),
                        true, restricted.includeDescendantGroups(), version);
            } else if (payload instanceof PlanAccessOpened opened) {
                offering(opened.offeringId()).version = version;
                restrict(plan(opened.planId()), opened.planId().uuid(), plansByGroup, List.of(), false, false,
                        version);
            } else if (payload instanceof OfferingDeleted deleted) {
                deleted(deleted.offeringId().uuid());
            } else if (payload instanceof GroupDeleted deleted) {
                UUID groupId = deleted.groupId().uuid();
                forget(groupId, offeringsByGroup, offerings);
                forget(groupId, plansByGroup, plans);
            }
        }

        /** Mirrors the handlers' row check, with their message. */
        private Offering offering(OfferingId id) {
            Offering offering = offerings.get(id.uuid());
            if (offering == null) {
                throw new IllegalStateException(OfferingViewProjection.noOfferingRow(id));
            }
            return offering;
        }

        private Plan plan(PlanId id) {
            Plan plan = plans.get(id.uuid());
            if (plan == null) {
                throw new IllegalStateException(OfferingViewProjection.noPlanRow(id));
            }
            return plan;
        }

        private static void restrict(Restricted resource, UUID id, Map<UUID, Set<UUID>> byGroup,
                                     List<GroupId> groupIds, boolean restricted, boolean includeDescendantGroups,
                                     long version) {
            for (UUID group : resource.groups) {
                unlink(byGroup, group, id);
            }
            resource.set(groupIds, restricted, includeDescendantGroups);
            resource.version = version;
            for (UUID group : resource.groups) {
                byGroup.computeIfAbsent(group, g -> new HashSet<>()).add(id);
            }
        }

        /** Mirrors {@code OfferingViewProjection.on(OfferingDeleted)}: nothing for an offering without a row. */
        private void deleted(UUID offeringId) {
            Offering offering = offerings.remove(offeringId);
            if (offering == null) {
                return;
            }
            offering.groups.forEach(g -> unlink(offeringsByGroup, g, offeringId));
            for (UUID planId : offering.plans) {
                Plan plan = plans.remove(planId);
                plan.groups.forEach(g -> unlink(plansByGroup, g, planId));
            }
        }

        private static void forget(UUID groupId, Map<UUID, Set<UUID>> byGroup,
                                   Map<UUID, ? extends Restricted> resources) {
            Set<UUID> naming = byGroup.remove(groupId);
            if (naming != null) {
                naming.forEach(id -> resources.get(id).groups.remove(groupId));
            }
        }

        private static void unlink(Map<UUID, Set<UUID>> byGroup, UUID groupId, UUID resourceId) {
            Set<UUID> naming = byGroup.get(groupId);
            if (naming != null) {
                naming.remove(resourceId);
                if (naming.isEmpty()) {
                    byGroup.remove(groupId);
                }
            }
        }

        @Override
        public void finish() {
            if (finished) {
                return;
            }
            finished = true;
            offerings.forEach((id, o) -> {
                sink.add(OFFERING_VIEW.name(), id, o.name, o.providerId, o.shared, o.restricted,
                        o.includeDescendantGroups, o.version);
                o.groups.forEach(g -> sink.add(OFFERING_GROUP_VIEW.name(), id, g));
            });
            plans.forEach((id, p) -> {
                sink.add(PLAN_VIEW.name(), id, p.offeringId, p.name, p.restricted, p.includeDescendantGroups,
                        p.version);
                p.groups.forEach(g -> sink.add(PLAN_GROUP_VIEW.name(), id, g));
            });
            offerings.clear();
            plans.clear();
        }
    }
}
