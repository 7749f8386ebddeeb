package org.orggroups.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

/** The number read under a command's lock is used once, for the aggregate locked, and only in its unit of work. */
class LockedSequenceNumberTest {

    private final AtomicInteger storeReads = new AtomicInteger();

    @Test
    void theLockedAggregatesNumberIsTakenOnceThenTheStoreIsAsked() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("command"));
        try {
            LockedSequenceNumber.remember(unitOfWork, "locked", Optional.of(4L));
            assertThat(LockedSequenceNumber.take("other", this::store)).contains(9L);
            assertThat(LockedSequenceNumber.take("locked", this::store)).contains(4L);
            assertThat(storeReads).hasValue(1);
            assertThat(LockedSequenceNumber.take("locked", this::store)).contains(9L);
            assertThat(storeReads).hasValue(2);
        } finally {
            unitOfWork.rollback();
        }
    }

    @Test
    void anAggregateWithoutEventsIsAnsweredEmptyWithoutAskingTheStore() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("command"));
        try {
            LockedSequenceNumber.remember(unitOfWork, "missing", Optional.empty());
            assertThat(LockedSequenceNumber.take("missing", this::store)).isEmpty();
            assertThat(storeReads).hasValue(0);
        } finally {
            unitOfWork.rollback();
        }
    }

    @Test
    void anotherUnitOfWorkDoesNotSeeIt() {
        UnitOfWork<?> first = DefaultUnitOfWork.startAndGet(new GenericMessage<>("first"));
        LockedSequenceNumber.remember(first, "locked", Optional.of(4L));
        first.commit();
        UnitOfWork<?> second = DefaultUnitOfWork.startAndGet(new GenericMessage<>("second"));
        try {
            assertThat(LockedSequenceNumber.take("locked", this::store)).contains(9L);
        } finally {
            second.rollback();
        }
        assertThat(LockedSequenceNumber.take("locked", this::store)).contains(9L);
    }

    private Optional<Long> store() {
        storeReads.incrementAndGet();
        return Optional.of(9L);
    }
}
