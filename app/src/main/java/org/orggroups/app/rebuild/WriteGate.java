package org.orggroups.app.rebuild;

import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.stereotype.Component;

/**
 * Holds back the commands of this node while a synchronous read-model rebuild runs, so that their handlers
 * apply on the rebuilt rows instead of racing with the replay.
 *
 * <p>Every command takes the shared side of a read-write lock inside its unit of work and gives it back when the
 * unit of work is cleaned up, after its transaction has committed or rolled back: so the events and the view
 * updates of a command are all on one side of the rebuild. The rebuild takes the exclusive side: it waits for
 * the commands in flight, and new ones wait for it. This is what keeps H2 (one node, no table locks) safe; on
 * PostgreSQL the rebuild also locks the view tables, which holds back the other nodes too.
 */
@Component
public class WriteGate {

    /** Fair, so that a waiting rebuild is not starved by a steady stream of commands. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    /** @param commandBus the bus whose command handlers pass through the gate */
    public WriteGate(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(gate());
    }

    private MessageHandlerInterceptor<CommandMessage<?>> gate() {
        return (unitOfWork, chain) -> {
            // A command dispatched from inside another command's handler already holds the shared side;
            // taking it again while a rebuild waits would deadlock a fair lock, so only the outermost takes it.
            if (lock.getReadHoldCount() > 0) {
                return chain.proceed();
            }
            lock.readLock().lock();
            unitOfWork.onCleanup(u -> lock.readLock().unlock());
            return chain.proceed();
        };
    }

    /**
     * Runs the action with every command of this node held back: waits for the commands in flight to finish
     * first.
     */
    public <T> T closedDuring(java.util.function.Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
