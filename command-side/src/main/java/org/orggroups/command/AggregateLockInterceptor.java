package org.orggroups.command;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.orggroups.api.customer.CreateCustomer;
import org.orggroups.api.customer.DeleteCustomer;
import org.orggroups.api.customer.UpdateCustomerGroups;
import org.orggroups.api.group.CreateGroup;
import org.orggroups.api.group.DeleteGroup;
import org.orggroups.api.group.UpdateGroup;
import org.orggroups.command.tree.GroupTree;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Serializes the commands on one aggregate across every node sharing the database, before Axon loads it, so
 * that concurrent writes to one group or customer are applied one after the other, each on the state the
 * previous one left (API.md section 5), instead of racing and retrying.
 *
 * <p>The lock is, on PostgreSQL, a transaction-scoped advisory lock on the aggregate's id, and elsewhere the
 * aggregate's first event row ({@code sequence_number = 0}): every aggregate has one, it is unique and it is
 * never updated, so {@code SELECT ... FOR UPDATE} on it blocks only other writers of that aggregate. Neither
 * blocks readers. Commands that change the tree's shape take the {@code tree_lock} row first
 * ({@link GroupTree#lockShape()}), so every transaction takes its locks in the same order (tree, then
 * aggregate, then group rows) and two of them cannot wait for each other. Creations have no row to lock yet
 * and take no aggregate lock.
 * A writer that still loses a race (a subtree delete appending to a group renamed at the same instant) gets
 * Axon's {@code ConcurrencyException}, which the HTTP edge retries.
 */
@Component
public class AggregateLockInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final GroupTree tree;
    private final JdbcTemplate jdbc;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();
    /** The statement that takes the lock, chosen for the database on first use. */
    private volatile String lockStatement;

    /**
     * @param tree the command-side tree, for the shape lock
     * @param jdbc the template on the service's database; it joins the command's transaction
     */
    public AggregateLockInterceptor(GroupTree tree, JdbcTemplate jdbc) {
        this.tree = tree;
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        if (changesTreeShape(command.getPayload())) {
            tree.lockShape();
        }
        if (createsAggregate(command.getPayload())) {
            // No event row to lock yet; two creations of one id collide on the event table's unique key.
            return interceptorChain.proceed();
        }
        String aggregateId = targets.resolveTarget(command).getIdentifier();
        jdbc.query(lockStatement(), rs -> { }, aggregateId);
        return interceptorChain.proceed();
    }

    /**
     * On PostgreSQL a transaction-scoped advisory lock on the aggregate's id: it serializes the same writers as a
     * row lock would, and is released at commit or rollback in the same way, but writes nothing (a row lock marks
     * the event row and logs that to the WAL; it was the dearest statement of a rename). Elsewhere (H2) the
     * aggregate's first event row, locked {@code FOR UPDATE}. A hash shared by two aggregates only makes their
     * writers wait for each other.
     */
    private String lockStatement() {
        String statement = lockStatement;
        if (statement == null) {
            boolean postgres = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection ->
                    "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())));
            statement = postgres ? "select pg_advisory_xact_lock(hashtextextended(?, 0))"
                    : "select sequence_number from domain_event_entry"
                    + " where aggregate_identifier = ? and sequence_number = 0 for update";
            lockStatement = statement;
        }
        return statement;
    }

    /** @return whether the command is handled by an aggregate's constructor, so that nothing exists to lock */
    static boolean createsAggregate(Object command) {
        return command instanceof CreateGroup || command instanceof CreateCustomer;
    }

    /**
     * @return whether the command may move, delete or change the members of groups (DESIGN.md section 4)
     */
    static boolean changesTreeShape(Object command) {
        return (command instanceof UpdateGroup update && update.parent() != null)
                || command instanceof DeleteGroup
                || command instanceof UpdateCustomerGroups
                || command instanceof DeleteCustomer;
    }
}
