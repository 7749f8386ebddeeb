package org.orggroups.command.tree;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.eventhandling.EventHandler;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupReparented;
import org.orggroups.api.offering.OfferingCreated;
import org.orggroups.api.offering.OfferingDeleted;
import org.orggroups.api.offering.OfferingId;

/**
 * A {@link GroupTree} in memory for aggregate tests, with the same answers as {@link JdbcGroupTree} and no
 * locks. Filled by hand ({@link #group}, {@link #member}, {@link #offering}) or, registered as an event handler, from
 * the events
 * like {@link GroupTreeProjection}. Counts the shape locks taken, so tests can check that a change took one.
 */
public class InMemoryGroupTree implements GroupTree {

    private record Node(GroupId parent, boolean deleted) {
    }

    private final Map<GroupId, Node> nodes = new HashMap<>();
    private final Map<GroupId, Set<CustomerId>> members = new HashMap<>();
    private final Map<OfferingId, CustomerId> providers = new HashMap<>();
    private int shapeLocks;

    /** Adds a live group. */
    public InMemoryGroupTree group(GroupId group, GroupId parent) {
        nodes.put(group, new Node(parent, false));
        return this;
    }

    /** Adds a deleted group. */
    public InMemoryGroupTree deletedGroup(GroupId group, GroupId parent) {
        nodes.put(group, new Node(parent, true));
        return this;
    }

    /** Makes a customer a direct member of a group. */
    public InMemoryGroupTree member(GroupId group, CustomerId customer) {
        members.computeIfAbsent(group, g -> new HashSet<>()).add(customer);
        return this;
    }

    /** Records a live offering of a provider. */
    public InMemoryGroupTree offering(OfferingId offering, CustomerId provider) {
        providers.put(offering, provider);
        return this;
    }

    /** @return how many times {@link #lockShape()} was called */
    public int shapeLocks() {
        return shapeLocks;
    }

    @Override
    public void lockShape() {
        shapeLocks++;
    }

    @Override
    public boolean lockLiveGroup(GroupId groupId) {
        Node node = nodes.get(groupId);
        return node != null && !node.deleted();
    }

    @Override
    public List<GroupId> ancestorsOf(GroupId groupId) {
        List<GroupId> chain = new ArrayList<>();
        for (GroupId at = groupId; at != null && nodes.containsKey(at); at = nodes.get(at).parent()) {
            chain.add(at);
        }
        return chain;
    }

    @Override
    public List<GroupId> lockSubtreeDeepestFirst(GroupId root) {
        List<List<GroupId>> levels = new ArrayList<>();
        List<GroupId> level = List.of(root);
        while (!level.isEmpty()) {
            levels.add(level);
            Set<GroupId> parents = Set.copyOf(level);
            level = nodes.entrySet().stream()
                    .filter(e -> !e.getValue().deleted() && e.getValue().parent() != null
                            && parents.contains(e.getValue().parent()))
                    .map(Map.Entry::getKey)
                    .sorted(Comparator.comparing(GroupId::toString))
                    .toList();
        }
        Collections.reverse(levels);
        return levels.stream().flatMap(List::stream).toList();
    }

    @Override
    public Map<GroupId, GroupId> parentsOf(List<GroupId> groupIds) {
        Map<GroupId, GroupId> parents = new java.util.LinkedHashMap<>();
        for (GroupId group : groupIds) {
            Node node = nodes.get(group);
            if (node != null && node.parent() != null) {
                parents.put(group, node.parent());
            }
        }
        return parents;
    }

    @Override
    public Set<CustomerId> membersOf(Collection<GroupId> groupIds) {
        return groupIds.stream()
                .flatMap(g -> members.getOrDefault(g, Set.of()).stream())
                .sorted(Comparator.comparing(CustomerId::toString))
                .collect(LinkedHashSet::new, Set::add, Set::addAll);
    }

    @Override
    public Set<OfferingId> offeringsOf(CustomerId providerId) {
        return providers.entrySet().stream()
                .filter(e -> e.getValue().equals(providerId))
                .map(Map.Entry::getKey)
                .sorted(Comparator.comparing(OfferingId::toString))
                .collect(LinkedHashSet::new, Set::add, Set::addAll);
    }

    @EventHandler
    void on(GroupCreated event) {
        group(event.groupId(), event.parentId());
    }

    @EventHandler
    void on(GroupReparented event) {
        nodes.put(event.groupId(), new Node(event.parentId(), false));
    }

    @EventHandler
    void on(GroupDeleted event) {
        nodes.put(event.groupId(), new Node(event.parentId(), true));
    }

    @EventHandler
    void on(CustomerJoinedGroup event) {
        member(event.groupId(), event.customerId());
    }

    @EventHandler
    void on(CustomerLeftGroup event) {
        members.getOrDefault(event.groupId(), new HashSet<>()).remove(event.customerId());
    }

    @EventHandler
    void on(OfferingCreated event) {
        offering(event.offeringId(), event.providerId());
    }

    @EventHandler
    void on(OfferingDeleted event) {
        providers.remove(event.offeringId());
    }
}
