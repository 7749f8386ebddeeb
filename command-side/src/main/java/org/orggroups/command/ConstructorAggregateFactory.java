package org.orggroups.command;

import java.lang.reflect.Constructor;

import org.axonframework.common.ReflectionUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.IncompatibleAggregateException;

/**
 * Creates the instance that an aggregate's events are applied to, with the aggregate's no-argument constructor.
 *
 * <p>Used instead of the factory Axon's Spring configuration registers by default, which asks Spring for a new
 * prototype bean of the aggregate on every load and runs every bean post-processor of the context on it (6 % of the
 * JVM's samples of a rename under load, decision record 22); the aggregates have nothing injected. Axon's own
 * {@code GenericAggregateFactory} cannot stand in: it inspects the aggregate's handlers when built, before Spring's
 * parameter resolvers are known, and refuses handlers that take beans. As Axon's factories do, a first event whose
 * payload is the aggregate itself (a snapshot) is returned as the instance; this service takes no snapshots.
 *
 * @param <T> the aggregate's type
 */
public final class ConstructorAggregateFactory<T> implements AggregateFactory<T> {

    private final Class<T> type;
    private final Constructor<T> constructor;

    /**
     * @param type the aggregate's class
     * @throws IllegalArgumentException when it has no no-argument constructor
     */
    public ConstructorAggregateFactory(Class<T> type) {
        this.type = type;
        try {
            this.constructor = ReflectionUtils.ensureAccessible(type.getDeclaredConstructor());
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no no-argument constructor", e);
        }
    }

    /**
     * @throws IncompatibleAggregateException when the constructor fails
     */
    @Override
    public T createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
        if (type.equals(firstEvent.getPayloadType())) {
            return type.cast(firstEvent.getPayload());
        }
        try {
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IncompatibleAggregateException(
                    "Unable to create an instance of " + type.getName() + " with its no-argument constructor", e);
        }
    }

    @Override
    public Class<T> getAggregateType() {
        return type;
    }
}
