package org.orggroups.command;

import java.util.Comparator;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.orggroups.api.customer.CreateCustomer;
import org.orggroups.api.customer.DeleteCustomer;
import org.orggroups.api.customer.UpdateCustomerGroups;
import org.orggroups.api.group.CreateGroup;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.UpdateGroup;
import org.orggroups.api.offering.CreateOffering;
import org.orggroups.api.offering.CreatePlan;
import org.orggroups.api.offering.UpdateOfferingGroups;
import org.orggroups.api.offering.UpdatePlanGroups;
import org.orggroups.command.tree.GroupTree;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Serializes the commands on one aggregate across every node sharing the database, before Axon loads it, so
 * that concurrent writes to one group or customer are applied one after the other, each on the state the
 * previous one left (API.md section 5), instead of racing and retrying.
 *
 * <p>The lock is the aggregate's first event row ({@code sequence_number = 0}): every aggregate has one, it is unique
 * and it is never updated, so {@code SELECT ... FOR UPDATE} on it blocks only other writers of that aggregate, never
 * readers ({@link EventStreams#lockAndReadLastSequenceNumber}, which also reads the sequence number the repository
 * checks its kept aggregate against, {@link LockedSequenceNumber}). (A transaction-scoped advisory lock on PostgreSQL
 * was tried instead: it takes no lock on the event table, and a rebuild's swap then deadlocked with writers; decision
 * record 9.) Commands that move groups, delete a customer, or must find groups or a provider live until they commit,
 * take the {@code tree_lock} row first ({@link GroupTree#lockShape()}), then the aggregate's lock, then group rows. A
 * membership change takes its groups' rows before its customer's lock, and a group's delete takes its root's lock, then
 * its subtree's rows, then its members' locks (decision record 16). Creations have no row to lock yet and take only the
 * event table's lock ({@link #creationLockStatement()}), and only when they lock rows before their append
 * ({@link #locksRowsBeforeAppend}).
 * A writer that still loses a race (a subtree delete appending to a group renamed at the same instant) gets
 * Axon's {@code ConcurrencyException}, which the HTTP edge retries.
 */
@Component
public class AggregateLockInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Same order as PostgreSQL's and H2's {@code uuid} order; {@link java.util.UUID#compareTo} compares signed. */
    private static final Comparator<GroupId> GROUP_ORDER = Comparator.comparing(GroupId::toString);

    private final GroupTree tree;
    private final JdbcTemplate jdbc;
    private final EventStreams streams;
    private final CachingCommandTargetResolver targets;
    /** The statement that takes a creation's lock, chosen for the database on first use. */
    private volatile String creationLockStatement;

    /**
     * @param tree    the command-side tree, for the shape lock
     * @param jdbc    the template on the service's database; it joins the command's transaction
     * @param streams the event table's streams, whose first rows are the aggregates' locks
     * @param targets the aggregate each command is on, as Axon's aggregate command handler finds it
     */
    public AggregateLockInterceptor(GroupTree tree, JdbcTemplate jdbc, EventStreams streams,
                                    CachingCommandTargetResolver targets) {
        this.tree = tree;
        this.jdbc = jdbc;
        this.streams = streams;
        this.targets = targets;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        if (changesTreeShape(command.getPayload()) || checksLiveness(command.getPayload())) {
            tree.lockShape();
        }
        if (command.getPayload() instanceof UpdateCustomerGroups update) {
            // A membership change takes no shape lock. Its groups' rows come before the customer's lock, in uuid
            // order, as a subtree delete takes the subtree's rows before its members' locks: a join to a group
            // being deleted waits for the delete holding nothing the delete needs, then finds the group deleted.
            // The event table's lock comes first, as for creations, so that a rebuild's swap is never waited for
            // while a tree row is held (decision record 9).
            lockEventTable();
            update.groupIds().stream().sorted(GROUP_ORDER).forEach(tree::lockLiveGroup);
        }
        if (createsAggregate(command.getPayload())) {
            // No event row to lock yet; two creations of one id collide on the event table's unique key.
            if (locksRowsBeforeAppend(command.getPayload())) {
                lockEventTable();
            }
            return interceptorChain.proceed();
        }
        String aggregateId = targets.resolveTarget(command).getIdentifier();
        LockedSequenceNumber.remember(unitOfWork, aggregateId, streams.lockAndReadLastSequenceNumber(aggregateId));
        return interceptorChain.proceed();
    }

    /** Takes {@link #creationLockStatement()}, when there is one. */
    private void lockEventTable() {
        String statement = creationLockStatement();
        if (!statement.isEmpty()) {
            jdbc.execute(statement);
        }
    }

    /**
     * The statement a creation takes instead: none on H2, and on PostgreSQL a {@code ROW SHARE} lock on the event
     * table, the table lock the row lock of every other command takes too. A synchronous rebuild's swap holds new
     * events back by locking that table first and the view tables next (decision record 8), so every writer must
     * wait at the event table before it locks any view or tree row; a creation under a parent locks the parent's
     * tree row before it appends, and without this would deadlock with the swap.
     */
    private String creationLockStatement() {
        String statement = creationLockStatement;
        if (statement == null) {
            boolean postgres = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection ->
                    "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())));
            statement = postgres ? "lock table domain_event_entry in row share mode" : "";
            creationLockStatement = statement;
        }
        return statement;
    }

    /**
     * @return whether a creation locks rows before its event is appended: a group's under a parent (the parent's tree
     *         row) and an offering's (the shape lock, then its provider and groups). Those must first wait at the event
     *         table ({@link #creationLockStatement()}). A root group's and a customer's creation lock nothing before
     *         their event's insert, which takes the event table's {@code ROW EXCLUSIVE} lock, one that a rebuild's
     *         swap waits for and makes wait as {@code ROW SHARE} does; the explicit lock would only add a round trip
     *         (decision record 21). This mirrors the handlers; {@code CreationLockOrderIntegrationTest} compares them
     */
    static boolean locksRowsBeforeAppend(Object creation) {
        return !(creation instanceof CreateGroup create && create.parentId() == null)
                && !(creation instanceof CreateCustomer);
    }

    /** @return whether the command is handled by an aggregate's constructor, so that nothing exists to lock */
    static boolean createsAggregate(Object command) {
        return command instanceof CreateGroup || command instanceof CreateCustomer
                || command instanceof CreateOffering;
    }

    /**
     * @return whether the command takes the shape lock for changing the tree (DESIGN.md section 4): a move, since
     *         moves must see each other's ancestors to never close a cycle, and a customer's delete, which also
     *         reads its provider's offerings under that lock (API.md 12.10). A group's delete and a membership change
     *         do not (decision record 16): they lock the rows of the groups they touch, which is all that a move, a
     *         create, a join or a restriction touching those groups waits for
     */
    static boolean changesTreeShape(Object command) {
        return (command instanceof UpdateGroup update && update.parent() != null)
                || command instanceof DeleteCustomer;
    }

    /**
     * @return whether the command reads groups or a provider as live and relies on them staying so until it commits
     *         (API.md 12.4 and 12.10): an offering's creation always (its provider, whose delete takes the
     *         {@code tree_lock}), a plan's creation and a restriction of an offering or a plan when they name groups
     *         (whose rows they then lock, as a group's delete does)
     */
    static boolean checksLiveness(Object command) {
        return command instanceof CreateOffering
                || (command instanceof CreatePlan create && !create.groupIds().isEmpty())
                || (command instanceof UpdateOfferingGroups offering && !offering.groupIds().isEmpty())
                || (command instanceof UpdatePlanGroups plan && !plan.groupIds().isEmpty());
    }
}
