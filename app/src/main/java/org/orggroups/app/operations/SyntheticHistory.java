package org.orggroups.app.operations;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

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

/**
 * A made-up but valid history of organization groups and customers, as the events the real aggregates would
 * have recorded, request by request. It only keeps the state needed to stay valid (the live tree, each
 * customer's groups, every aggregate's next sequence number); nothing touches a database.
 *
 * <p>The rules it follows are those of the command side: a parent or a joined group is always live; a move
 * never goes under the group itself or one of its descendants; a rename or move records nothing when nothing
 * changes; an update of a customer's groups records its leaves, then its joins, each in group-uuid text
 * order ({@code Customer}); a delete records one {@code GroupDeleted} per group of the subtree, deepest level
 * first and by uuid text inside a level, then, member by member (by uuid text), one
 * {@code CustomerLeftGroup(groupDeleted = true)} per deleted group it was in ({@code GroupDeletionHandler},
 * {@code JdbcGroupTree.lockSubtreeDeepestFirst}, {@code membersOf}); a customer delete records its leaves
 * ({@code groupDeleted = false}), then {@code CustomerDeleted}. Every aggregate's sequence numbers start at 0
 * and have no gaps.
 *
 * <p>The shape, for a target of {@code E} events: about {@code E / 10} live groups in a tree of 4 to 7 levels
 * (each root draws its own depth limit; few roots, wide second and third levels, most groups on levels 4 and 5),
 * about {@code E / 20} customers with 1 to 5 memberships each. Groups and customers are created over the first
 * {@value #CREATION_END} of the stream, interleaved with the other changes: group renames, memberships changed
 * (leaves and joins), moves (mostly to another parent on the same level, some to another level, a few to the
 * top; a tenth together with a rename), customer renames, and a few subtree and customer deletes. The exact number
 * of events asked for is produced: near the end only changes that fit in what is left are chosen.
 *
 * <p>The same target and seed give the same history, identifiers included. Not thread-safe.
 */
final class SyntheticHistory {

    /** Aggregate type stored with group events: the simple name of the command side's aggregate class. */
    static final String GROUP_TYPE = "OrganizationGroup";
    /** Aggregate type stored with customer events. */
    static final String CUSTOMER_TYPE = "Customer";
    /** Deepest tree: the deepest root limit; depth {@code 0} is a root. */
    static final int MAX_LEVELS = 7;
    /** Fraction of the stream by which every group and customer has been created. */
    static final double CREATION_END = 0.6;

    /** Share of the groups on each level below the roots (the roots are a fixed count, see constructor). */
    private static final double[] LEVEL_SHARE = {0, 0.02, 0.10, 0.28, 0.32, 0.18, 0.10};
    /** Depth limits (levels) a root may draw, and their weights: every branch is 4 to 7 levels deep. */
    private static final int[] ROOT_LEVELS = {4, 5, 6, 7};
    private static final int[] ROOT_LEVEL_WEIGHTS = {15, 25, 30, 30};
    /** Memberships a new customer starts with (1 to 5), and their weights. */
    private static final int[] MEMBERSHIP_WEIGHTS = {30, 25, 20, 15, 10};
    private static final int MAX_MEMBERSHIPS = 5;
    /** A delete picks a small subtree, as operators do; whole universities are rarely deleted. */
    private static final int MAX_DELETED_SUBTREE = 25;
    private static final int MAX_MOVED_SUBTREE = 2_000;
    private static final int TRIES = 12;

    /** Kinds of change after creation, with their weights (per request). */
    private enum Change {
        RENAME_GROUP(30), CHANGE_MEMBERSHIPS(30), MOVE_GROUP(15), RENAME_CUSTOMER(10),
        DELETE_GROUP(0.4), DELETE_CUSTOMER(0.3);

        final double weight;

        Change(double weight) {
            this.weight = weight;
        }
    }

    private static final double CHANGE_WEIGHT_SUM = java.util.Arrays.stream(Change.values())
            .mapToDouble(c -> c.weight).sum();

    private static final String[] REGIONS = {"Nordic", "Baltic", "Alpine", "Atlantic", "Iberian", "Danubian",
            "Carpathian", "Celtic", "Adriatic", "Aegean", "Pannonian", "Benelux", "Arctic", "Rhine", "Vistula"};
    private static final String[] NETWORKS = {"Research Consortium", "E-Infrastructure", "Science Cloud",
            "Computing Alliance", "Academic Network", "HPC Federation"};
    private static final String[] CITIES = {"Tartu", "Tallinn", "Helsinki", "Oulu", "Turku", "Uppsala", "Lund",
            "Bergen", "Tromsø", "Aarhus", "Riga", "Vilnius", "Kraków", "Brno", "Graz", "Porto", "Coimbra",
            "Jyväskylä", "Göteborg", "Kaunas", "Linköping", "Trondheim", "Espoo", "Reykjavík", "Odense", "Łódź"};
    private static final String[] INSTITUTIONS = {"University of %s", "%s University of Technology",
            "%s Research Centre", "%s University Hospital", "Academy of Sciences, %s", "%s Polytechnic"};
    private static final String[] FACULTIES = {"Faculty of %s", "School of %s", "Division of %s",
            "College of %s"};
    private static final String[] UNITS = {"Department of %s", "Institute of %s", "Chair of %s",
            "%s Laboratory", "%s Research Group", "Centre for %s", "Lab of %s", "%s Unit"};
    private static final String[] SUBJECTS = {"Marine Biology", "Physics", "Computer Science", "History",
            "Chemistry", "Economics", "Mathematics", "Linguistics", "Medicine", "Geology", "Biology",
            "Astrophysics", "Bioinformatics", "Climate Science", "Materials Science", "Neuroscience",
            "Genomics", "Data Science", "Sociology", "Philosophy", "Ecology", "Semiotics", "Robotics"};
    private static final String[] COMPANY_WORDS = {"Aurora", "Boreal", "Cobalt", "Delta", "Ember", "Fjord",
            "Granite", "Harbor", "Icefield", "Juniper", "Kestrel", "Lumen", "Meridian", "Nimbus", "Orbit",
            "Polar", "Quartz", "Rune", "Saga", "Tundra", "Umbra", "Vega", "Willow", "Zephyr", "Ölands"};
    private static final String[] COMPANY_FORMS = {"Oy", "AB", "OÜ", "GmbH", "Ltd", "SIA", "AS", "UAB",
            "Research Project", "Lab"};

    private static final Comparator<Group> GROUP_KEY_ORDER = Comparator.comparing(g -> g.key);
    private static final Comparator<Customer> CUSTOMER_KEY_ORDER = Comparator.comparing(c -> c.key);

    private final long target;
    private final Random random;
    private final int groupTarget;
    private final int customerTarget;
    private final double[] levelTarget = new double[MAX_LEVELS];
    @SuppressWarnings("unchecked")
    private final List<Group>[] levels = new List[MAX_LEVELS];
    private final List<Group> liveGroups = new ArrayList<>();
    private final List<Customer> liveCustomers = new ArrayList<>();
    /** Requests already decided that must come next (a new customer's first joins). */
    private final ArrayDeque<List<Event>> pending = new ArrayDeque<>();
    private final Map<String, Long> eventCounts = new LinkedHashMap<>();
    private long pendingEvents;
    private long emitted;
    private long requests;
    private long memberships;
    private int groupsCreated;
    private int customersCreated;
    private long moveStamp;

    /** One event of the history, as an aggregate records it. */
    record Event(String aggregateType, String aggregateId, long sequenceNumber, Object payload,
                 String causedByGroup) {
    }

    /**
     * What the history built, at the moment of asking.
     *
     * @param events           events produced
     * @param requests         requests (one correlation id each) produced
     * @param groupsCreated    groups ever created
     * @param groupsLive       groups not deleted
     * @param customersCreated customers ever created
     * @param customersLive    customers not deleted
     * @param memberships      memberships of live customers in live groups
     * @param groupsPerLevel   live groups at each depth, roots first
     * @param eventCounts      events by payload type's simple name, in order of first appearance
     */
    record Shape(long events, long requests, int groupsCreated, int groupsLive, int customersCreated,
                 int customersLive, long memberships, int[] groupsPerLevel, Map<String, Long> eventCounts) {
    }

    /**
     * @param targetEvents exactly how many events to produce, at least 1
     * @param groups       about how many live groups to build, at least 1
     * @param seed         seed of every random choice and identifier
     */
    SyntheticHistory(long targetEvents, int groups, long seed) {
        if (targetEvents < 1 || groups < 1) {
            throw new IllegalArgumentException("targetEvents and groups must be positive");
        }
        this.target = targetEvents;
        this.random = new Random(seed);
        this.groupTarget = groups;
        this.customerTarget = Math.max(1, groups / 2);
        // Wide top levels: about one root per 2,000 groups, each then with about 40 children.
        levelTarget[0] = Math.max(3, groups / 2_000.0);
        for (int level = 1; level < MAX_LEVELS; level++) {
            levelTarget[level] = groups * LEVEL_SHARE[level];
            levels[level] = new ArrayList<>();
        }
        levels[0] = new ArrayList<>();
    }

    /**
     * @return the events of the next request (never empty), or {@code null} when the target is reached
     */
    List<Event> next() {
        int idle = 0;
        while (emitted < target) {
            List<Event> request;
            if (pending.isEmpty()) {
                request = step(idle++ > 50);
            } else {
                request = pending.poll();
                pendingEvents -= request.size();
            }
            if (request == null || request.isEmpty()) {
                continue;
            }
            emitted += request.size();
            requests++;
            for (Event event : request) {
                eventCounts.merge(event.payload().getClass().getSimpleName(), 1L, Long::sum);
            }
            return request;
        }
        return null;
    }

    /** @return what has been built so far */
    Shape shape() {
        int[] perLevel = new int[MAX_LEVELS];
        for (int level = 0; level < MAX_LEVELS; level++) {
            perLevel[level] = levels[level].size();
        }
        return new Shape(emitted, requests, groupsCreated, liveGroups.size(), customersCreated,
                liveCustomers.size(), memberships, perLevel, Map.copyOf(eventCounts));
    }

    /** @return events that may still be produced by a new request */
    private long remaining() {
        return target - emitted - pendingEvents;
    }

    /** @param fallback after many requests that came to nothing: a change that always records one event */
    private List<Event> step(boolean fallback) {
        if (fallback) {
            return liveGroups.isEmpty() ? createGroup() : renameGroup();
        }
        double schedule = Math.min(1.0, (double) emitted / target / CREATION_END);
        double groupsDue = Math.max(groupTarget * schedule, Math.min(groupTarget, 10));
        double customersDue = customerTarget * schedule;
        boolean groupsBehind = liveGroups.size() < groupsDue;
        boolean customersBehind = liveCustomers.size() < customersDue;
        if (groupsBehind && (!customersBehind
                || liveGroups.size() / groupsDue <= liveCustomers.size() / customersDue)) {
            return createGroup();
        }
        if (customersBehind) {
            return createCustomer();
        }
        double choice = random.nextDouble() * CHANGE_WEIGHT_SUM;
        for (Change change : Change.values()) {
            choice -= change.weight;
            if (choice < 0) {
                return change(change);
            }
        }
        return renameGroup();
    }

    private List<Event> change(Change change) {
        return switch (change) {
            case RENAME_GROUP -> renameGroup();
            case CHANGE_MEMBERSHIPS -> changeMemberships();
            case MOVE_GROUP -> moveGroup();
            case RENAME_CUSTOMER -> renameCustomer();
            case DELETE_GROUP -> deleteGroup();
            case DELETE_CUSTOMER -> deleteCustomer();
        };
    }

    // ---- groups ------------------------------------------------------------------------------------------

    private List<Event> createGroup() {
        Integer[] order = new Integer[MAX_LEVELS];
        double[] score = new double[MAX_LEVELS];
        double progress = (liveGroups.size() + 1.0) / groupTarget;
        for (int level = 0; level < MAX_LEVELS; level++) {
            order[level] = level;
            // How far the level lags behind its share of a tree of the present size.
            score[level] = levelTarget[level] * progress - levels[level].size();
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        for (int level : order) {
            if (level == 0) {
                return List.of(addGroup(null));
            }
            Group parent = pickParent(level - 1, level);
            if (parent != null) {
                return List.of(addGroup(parent));
            }
        }
        return List.of(addGroup(null));
    }

    /** @return a live group on the level whose root lets its branch reach {@code childLevel}, or null */
    private Group pickParent(int level, int childLevel) {
        List<Group> candidates = levels[level];
        if (candidates.isEmpty()) {
            return null;
        }
        for (int i = 0; i < TRIES; i++) {
            Group candidate = pick(candidates);
            if (candidate.root.rootLevels > childLevel) {
                return candidate;
            }
        }
        return null;
    }

    private Event addGroup(Group parent) {
        Group group = new Group(new GroupId(uuid()));
        group.parent = parent;
        group.depth = parent == null ? 0 : parent.depth + 1;
        group.root = parent == null ? group : parent.root;
        if (parent == null) {
            group.rootLevels = weighted(ROOT_LEVELS, ROOT_LEVEL_WEIGHTS);
        } else {
            parent.children.add(group);
        }
        group.name = groupName(group.depth);
        addLive(group);
        groupsCreated++;
        return new Event(GROUP_TYPE, group.key, group.seq++,
                new GroupCreated(group.id, group.name, parent == null ? null : parent.id), null);
    }

    private List<Event> renameGroup() {
        if (liveGroups.isEmpty() || remaining() < 1) {
            return null;
        }
        Group group = pick(liveGroups);
        String name = differentName(group.name, () -> groupName(group.depth));
        String previous = group.name;
        group.name = name;
        return List.of(new Event(GROUP_TYPE, group.key, group.seq++, new GroupRenamed(group.id, name, previous),
                null));
    }

    /**
     * Moves a group with its subtree: mostly to another parent on the same level as its present one, so that
     * no depth changes; sometimes one level up or down, as long as the branch stays within its root's limit;
     * rarely to the top. Never under the group itself or one of its descendants (the subtree is marked first).
     */
    private List<Event> moveGroup() {
        if (liveGroups.isEmpty()) {
            return null;
        }
        boolean rename = random.nextDouble() < 0.1;
        if (remaining() < (rename ? 2 : 1)) {
            return null;
        }
        Group group = pick(liveGroups);
        List<Group> subtree = subtree(group, MAX_MOVED_SUBTREE);
        if (subtree == null) {
            return null;
        }
        long stamp = ++moveStamp;
        int height = 0;
        for (Group member : subtree) {
            member.mark = stamp;
            height = Math.max(height, member.depth - group.depth);
        }
        double kind = random.nextDouble();
        Group parent = null;
        if (kind < 0.01) {
            // To the top: rare, and never beyond twice the planned number of roots.
            if (group.parent == null || levels[0].size() >= 2 * levelTarget[0]) {
                return null;
            }
        } else {
            int level;
            if (kind < 0.8 && group.depth > 0) {
                level = group.depth - 1;
            } else {
                // One level up or down, so that the share of groups per level stays as built.
                level = group.depth - 1 + (random.nextBoolean() ? 1 : -1);
                if (level < 0 || level + 1 + height > MAX_LEVELS - 1) {
                    return null;
                }
            }
            for (int i = 0; i < TRIES && parent == null; i++) {
                Group candidate = levels[level].isEmpty() ? null : pick(levels[level]);
                if (candidate != null && candidate != group.parent && candidate.mark != stamp
                        && candidate.root.rootLevels > level + 1 + height) {
                    parent = candidate;
                }
            }
            if (parent == null) {
                return null;
            }
        }
        List<Event> events = new ArrayList<>(2);
        if (rename) {
            int newDepth = parent == null ? 0 : parent.depth + 1;
            String name = differentName(group.name, () -> groupName(newDepth));
            events.add(new Event(GROUP_TYPE, group.key, group.seq++, new GroupRenamed(group.id, name, group.name),
                    null));
            group.name = name;
        }
        Group previous = group.parent;
        events.add(new Event(GROUP_TYPE, group.key, group.seq++, new GroupReparented(group.id,
                parent == null ? null : parent.id, previous == null ? null : previous.id), null));
        if (previous != null) {
            previous.children.remove(group);
        }
        group.parent = parent;
        Group root;
        if (parent == null) {
            root = group;
            group.rootLevels = Math.max(height + 1, weighted(ROOT_LEVELS, ROOT_LEVEL_WEIGHTS));
        } else {
            parent.children.add(group);
            root = parent.root;
        }
        int shift = (parent == null ? 0 : parent.depth + 1) - group.depth;
        for (Group member : subtree) {
            member.root = root;
            if (shift != 0) {
                removeFrom(levels[member.depth], member, true);
                member.depth += shift;
                addTo(levels[member.depth], member, true);
            }
        }
        return events;
    }

    /**
     * Deletes a small subtree as {@code GroupDeletionHandler} does, followed by every member's leaves.
     */
    private List<Event> deleteGroup() {
        for (int attempt = 0; attempt < TRIES && !liveGroups.isEmpty(); attempt++) {
            Group root = pick(liveGroups);
            List<Group> subtree = subtree(root, MAX_DELETED_SUBTREE);
            if (subtree == null) {
                continue;
            }
            // Level by level from the root, each level in uuid text order; then deepest level first.
            List<List<Group>> byLevel = new ArrayList<>();
            List<Group> level = List.of(root);
            while (!level.isEmpty()) {
                byLevel.add(level);
                List<Group> children = new ArrayList<>();
                level.forEach(g -> children.addAll(g.children));
                children.sort(GROUP_KEY_ORDER);
                level = children;
            }
            Collections.reverse(byLevel);
            Set<Group> deleted = new HashSet<>(subtree);
            Set<Customer> members = new HashSet<>();
            int leaves = 0;
            for (Group group : subtree) {
                members.addAll(group.members);
                leaves += group.members.size();
            }
            if (subtree.size() + leaves > remaining()) {
                continue;
            }
            List<Event> events = new ArrayList<>(subtree.size() + leaves);
            String causedBy = root.key;
            for (List<Group> groups : byLevel) {
                for (Group group : groups) {
                    events.add(new Event(GROUP_TYPE, group.key, group.seq++, new GroupDeleted(group.id,
                            group.parent == null ? null : group.parent.id, root.id),
                            group == root ? null : causedBy));
                }
            }
            List<Customer> sortedMembers = new ArrayList<>(members);
            sortedMembers.sort(CUSTOMER_KEY_ORDER);
            for (Customer customer : sortedMembers) {
                List<Group> left = customer.groups.stream().filter(deleted::contains).sorted(GROUP_KEY_ORDER)
                        .toList();
                for (Group group : left) {
                    events.add(new Event(CUSTOMER_TYPE, customer.key, customer.seq++,
                            new CustomerLeftGroup(customer.id, group.id, true), causedBy));
                }
                customer.groups.removeAll(left);
            }
            memberships -= leaves;
            if (root.parent != null) {
                root.parent.children.remove(root);
            }
            for (Group group : subtree) {
                removeLive(group);
                group.members.clear();
                group.children.clear();
            }
            return events;
        }
        return null;
    }

    /** @return the group and its live descendants, or null when there are more than {@code limit} */
    private static List<Group> subtree(Group group, int limit) {
        List<Group> all = new ArrayList<>();
        all.add(group);
        for (int i = 0; i < all.size(); i++) {
            all.addAll(all.get(i).children);
            if (all.size() > limit) {
                return null;
            }
        }
        return all;
    }

    // ---- customers ---------------------------------------------------------------------------------------

    /** A new customer, then, as its own next request, the groups it is put in (as Waldur's UI does). */
    private List<Event> createCustomer() {
        if (remaining() < 1) {
            return null;
        }
        Customer customer = new Customer(new CustomerId(uuid()));
        customer.name = customerName();
        liveCustomers.add(customer);
        customer.slot = liveCustomers.size() - 1;
        customersCreated++;
        List<Event> created = List.of(new Event(CUSTOMER_TYPE, customer.key, customer.seq++,
                new CustomerCreated(customer.id, customer.name), null));
        int wanted = (int) Math.min(remaining() - 1,
                Math.min(liveGroups.size(), 1 + weightedIndex(MEMBERSHIP_WEIGHTS)));
        if (wanted > 0) {
            List<Group> joined = new ArrayList<>(pickDistinctGroups(wanted, Set.of()));
            joined.sort(GROUP_KEY_ORDER);
            List<Event> joins = new ArrayList<>(joined.size());
            for (Group group : joined) {
                joins.add(join(customer, group));
            }
            pending.add(joins);
            pendingEvents += joins.size();
        }
        return created;
    }

    private List<Event> renameCustomer() {
        if (liveCustomers.isEmpty() || remaining() < 1) {
            return null;
        }
        Customer customer = pick(liveCustomers);
        String name = differentName(customer.name, this::customerName);
        String previous = customer.name;
        customer.name = name;
        return List.of(new Event(CUSTOMER_TYPE, customer.key, customer.seq++,
                new CustomerRenamed(customer.id, name, previous), null));
    }

    /** An update of a customer's groups: a few leaves and joins, keeping 1 to 5 memberships. */
    private List<Event> changeMemberships() {
        if (liveCustomers.isEmpty() || liveGroups.isEmpty()) {
            return null;
        }
        Customer customer = pick(liveCustomers);
        int have = customer.groups.size();
        int leaves = have == 0 ? 0 : random.nextInt(Math.min(2, have) + 1);
        int joins = random.nextInt(3);
        if (have - leaves + joins < 1) {
            joins = 1;
        }
        joins = Math.min(joins, MAX_MEMBERSHIPS - (have - leaves));
        joins = Math.min(joins, liveGroups.size() - have);
        if (leaves + joins == 0 || leaves + joins > remaining()) {
            return null;
        }
        List<Group> current = new ArrayList<>(customer.groups);
        Collections.shuffle(current, random);
        List<Group> left = new ArrayList<>(current.subList(0, leaves));
        List<Group> joined = new ArrayList<>(pickDistinctGroups(joins, new HashSet<>(customer.groups)));
        left.sort(GROUP_KEY_ORDER);
        joined.sort(GROUP_KEY_ORDER);
        List<Event> events = new ArrayList<>(left.size() + joined.size());
        for (Group group : left) {
            events.add(leave(customer, group, false));
        }
        for (Group group : joined) {
            events.add(join(customer, group));
        }
        return events;
    }

    private List<Event> deleteCustomer() {
        if (liveCustomers.isEmpty()) {
            return null;
        }
        Customer customer = pick(liveCustomers);
        if (customer.groups.size() + 1 > remaining()) {
            return null;
        }
        List<Group> groups = new ArrayList<>(customer.groups);
        groups.sort(GROUP_KEY_ORDER);
        List<Event> events = new ArrayList<>(groups.size() + 1);
        for (Group group : groups) {
            events.add(leave(customer, group, false));
        }
        events.add(new Event(CUSTOMER_TYPE, customer.key, customer.seq++, new CustomerDeleted(customer.id),
                null));
        Customer last = liveCustomers.remove(liveCustomers.size() - 1);
        if (last != customer) {
            liveCustomers.set(customer.slot, last);
            last.slot = customer.slot;
        }
        return events;
    }

    private Event join(Customer customer, Group group) {
        customer.groups.add(group);
        group.members.add(customer);
        memberships++;
        return new Event(CUSTOMER_TYPE, customer.key, customer.seq++,
                new CustomerJoinedGroup(customer.id, group.id), null);
    }

    private Event leave(Customer customer, Group group, boolean groupDeleted) {
        customer.groups.remove(group);
        group.members.remove(customer);
        memberships--;
        return new Event(CUSTOMER_TYPE, customer.key, customer.seq++,
                new CustomerLeftGroup(customer.id, group.id, groupDeleted), null);
    }

    private Set<Group> pickDistinctGroups(int count, Set<Group> excluded) {
        Set<Group> chosen = new HashSet<>();
        while (chosen.size() < count) {
            Group group = pick(liveGroups);
            if (!excluded.contains(group)) {
                chosen.add(group);
            }
        }
        return chosen;
    }

    // ---- bookkeeping -------------------------------------------------------------------------------------

    private void addLive(Group group) {
        addTo(liveGroups, group, false);
        addTo(levels[group.depth], group, true);
    }

    private void removeLive(Group group) {
        removeFrom(liveGroups, group, false);
        removeFrom(levels[group.depth], group, true);
    }

    /** Lists of groups keep each member's index in the group, so that removal is a constant-time swap. */
    private static void addTo(List<Group> list, Group group, boolean level) {
        list.add(group);
        if (level) {
            group.levelSlot = list.size() - 1;
        } else {
            group.liveSlot = list.size() - 1;
        }
    }

    private static void removeFrom(List<Group> list, Group group, boolean level) {
        int slot = level ? group.levelSlot : group.liveSlot;
        Group last = list.remove(list.size() - 1);
        if (last != group) {
            list.set(slot, last);
            if (level) {
                last.levelSlot = slot;
            } else {
                last.liveSlot = slot;
            }
        }
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private int weighted(int[] values, int[] weights) {
        return values[weightedIndex(weights)];
    }

    private int weightedIndex(int[] weights) {
        int sum = 0;
        for (int weight : weights) {
            sum += weight;
        }
        int choice = random.nextInt(sum);
        for (int i = 0; i < weights.length; i++) {
            choice -= weights[i];
            if (choice < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** A random version 4 UUID from the seeded generator, so that a seed repeats the identifiers too. */
    private UUID uuid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private String differentName(String current, java.util.function.Supplier<String> names) {
        String name = names.get();
        while (name.equals(current)) {
            name = names.get() + " " + (2 + random.nextInt(98));
        }
        return name;
    }

    private String groupName(int depth) {
        return switch (depth) {
            case 0 -> pickOf(REGIONS) + " " + pickOf(NETWORKS);
            case 1 -> String.format(pickOf(INSTITUTIONS), pickOf(CITIES));
            case 2 -> String.format(pickOf(FACULTIES), pickOf(SUBJECTS));
            default -> String.format(pickOf(UNITS), pickOf(SUBJECTS))
                    + (random.nextInt(3) == 0 ? " " + (1 + random.nextInt(99)) : "");
        };
    }

    private String customerName() {
        return pickOf(COMPANY_WORDS) + " " + pickOf(COMPANY_WORDS) + " " + pickOf(COMPANY_FORMS)
                + " " + (1 + random.nextInt(9_999));
    }

    private String pickOf(String[] words) {
        return words[random.nextInt(words.length)];
    }

    private static final class Group {
        final GroupId id;
        /** The dashed uuid text: aggregate identifier and sort key of the command side. */
        final String key;
        String name;
        Group parent;
        Group root;
        /** On a root: how many levels its branch may have. */
        int rootLevels;
        int depth;
        long seq;
        final List<Group> children = new ArrayList<>(0);
        final List<Customer> members = new ArrayList<>(0);
        int liveSlot;
        int levelSlot;
        long mark;

        Group(GroupId id) {
            this.id = id;
            this.key = id.toString();
        }
    }

    private static final class Customer {
        final CustomerId id;
        final String key;
        String name;
        long seq;
        final List<Group> groups = new ArrayList<>(MAX_MEMBERSHIPS);
        int slot;

        Customer(CustomerId id) {
            this.id = id;
            this.key = id.toString();
        }
    }
}
