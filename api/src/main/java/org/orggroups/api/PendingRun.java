package org.orggroups.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A run of consecutive events of one kind that a projection applies together, in set-based statements, instead of
 * one event at a time: a subtree delete records one {@code GroupDeleted} per group (thousands in one unit of work),
 * and statements per group made such a delete last half a minute (decision record 16).
 *
 * <p>{@link #add} keeps an item in the current unit of work (the batch a processor is handling); {@link #flush}
 * hands the items kept so far to the action, in the order they were added, and forgets them. The projection must
 * flush before it handles an event of any other kind (an Axon {@code @MessageHandlerInterceptor} does it), and every
 * run is flushed when the unit of work prepares to commit, inside its transaction. Deferring is therefore only
 * correct for events whose effects on the projection's tables commute with each other, as the deletes of distinct
 * groups do: each touches only its own group's rows. Outside a unit of work an item is applied at once.
 *
 * @param <T> what the action needs of one event
 */
public final class PendingRun<T> {

    private final String resource;
    private final Consumer<List<T>> action;

    /**
     * @param name   names the run within a unit of work; unique per projection and kind of event
     * @param action applies a non-empty list of items, in their order, in the caller's transaction
     */
    public PendingRun(String name, Consumer<List<T>> action) {
        this.resource = PendingRun.class.getName() + "." + name + "@" + System.identityHashCode(this);
        this.action = action;
    }

    /** @param item what one event asks for; applied at the next {@link #flush}, or now outside a unit of work */
    public void add(T item) {
        if (!CurrentUnitOfWork.isStarted()) {
            action.accept(List.of(item));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.<List<T>>getOrComputeResource(resource, key -> {
            unitOfWork.onPrepareCommit(this::flush);
            return new ArrayList<>();
        }).add(item);
    }

    /** Applies the items kept in the current unit of work, if any. */
    public void flush() {
        CurrentUnitOfWork.ifStarted(this::flush);
    }

    private void flush(UnitOfWork<?> unitOfWork) {
        List<T> pending = unitOfWork.getResource(resource);
        if (pending == null || pending.isEmpty()) {
            return;
        }
        List<T> items = List.copyOf(pending);
        pending.clear();
        action.accept(items);
    }
}
