package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.orggroups.app.support.AggregateLocks;
import org.orggroups.app.support.IntegrationTest;
import org.orggroups.command.EventStreams;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link EventStreams#lockAndReadLastSequenceNumber} on the event table, on both databases: the number it answers is
 * the one the repository checks a kept aggregate against, so it must be read after the lock is granted and see what
 * the lock's holder committed meanwhile, although the read is sent in the lock's own round trip (decision record 26).
 */
class EventTableStreamsIntegrationTest extends IntegrationTest {

    @Autowired
    private EventStreams streams;
    @Autowired
    private DataSource dataSource;

    @Test
    void answersTheLastSequenceNumberOfTheLockedAggregate() {
        String group = newGroup("Locked", null);
        assertThat(lockAndRead(AggregateLocks.dashed(group))).contains(0L);
        assertThat(patch("/api/organization-groups/" + group + "/", Map.of("name", "Renamed")).status())
                .isEqualTo(200);
        assertThat(lockAndRead(AggregateLocks.dashed(group))).contains(1L);
        assertThat(lockAndRead(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void theReadSeesTheEventTheLocksHolderCommittedWhileItWaited() throws Exception {
        String group = newGroup("Locked", null);
        assertThat(patch("/api/organization-groups/" + group + "/", Map.of("name", "Renamed")).status())
                .isEqualTo(200);
        String aggregate = AggregateLocks.dashed(group);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            Object session = AggregateLocks.holdFirstEventRow(holder, group);
            Future<Optional<Long>> read = thread.submit(() -> lockAndRead(aggregate));
            AggregateLocks.awaitSessionBlockedBy(dataSource, session);
            // The holder appends an event (the rename once more) and commits, as a command on another node would.
            try (PreparedStatement append = holder.prepareStatement("insert into domain_event_entry"
                    + " (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
                    + " payload_revision, payload, meta_data) select ?, aggregate_identifier, 2, type, time_stamp,"
                    + " payload_type, payload_revision, payload, meta_data from domain_event_entry"
                    + " where aggregate_identifier = ? and sequence_number = 1")) {
                append.setString(1, UUID.randomUUID().toString());
                append.setString(2, aggregate);
                assertThat(append.executeUpdate()).isEqualTo(1);
            }
            holder.commit();
            assertThat(read.get(30, TimeUnit.SECONDS)).contains(2L);
        } finally {
            thread.shutdownNow();
        }
    }

    private Optional<Long> lockAndRead(String aggregate) {
        return new TransactionTemplate(new JdbcTransactionManager(dataSource))
                .execute(status -> streams.lockAndReadLastSequenceNumber(aggregate));
    }
}
