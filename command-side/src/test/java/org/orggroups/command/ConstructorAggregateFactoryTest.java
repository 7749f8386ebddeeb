package org.orggroups.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

/** What {@link ConstructorAggregateFactory} gives Axon to apply an aggregate's events to. */
class ConstructorAggregateFactoryTest {

    @Test
    void aNewInstanceFromTheNoArgumentConstructorWhateverItsVisibility() {
        ConstructorAggregateFactory<Counter> factory = new ConstructorAggregateFactory<>(Counter.class);
        GenericDomainEventMessage<String> first = new GenericDomainEventMessage<>("Counter", "c-1", 0, "created");

        Counter one = factory.createAggregateRoot("c-1", first);
        Counter two = factory.createAggregateRoot("c-1", first);

        assertThat(one).isNotSameAs(two);
        assertThat(one.count).isZero();
        assertThat(factory.getAggregateType()).isEqualTo(Counter.class);
    }

    @Test
    void aSnapshotIsTheInstanceAsInAxonsFactories() {
        Counter snapshot = new Counter();
        snapshot.count = 7;
        GenericDomainEventMessage<Counter> first = new GenericDomainEventMessage<>("Counter", "c-1", 6, snapshot);

        assertThat(new ConstructorAggregateFactory<>(Counter.class).createAggregateRoot("c-1", first)).isSameAs(snapshot);
    }

    @Test
    void aClassWithoutNoArgumentConstructorIsRefusedWhenTheFactoryIsMade() {
        assertThatThrownBy(() -> new ConstructorAggregateFactory<>(Named.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Named.class.getName());
    }

    static final class Counter {
        int count;

        private Counter() {
        }
    }

    record Named(String name) {
    }
}
