package org.orggroups.app.eventstore;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.orggroups.api.AppendedEventIndexes;

/**
 * Axon's JDBC storage engine, appending each event with one statement that also answers the global index the
 * table's default took from {@code domain_event_entry_seq} (V10), and recording that index in
 * {@link AppendedEventIndexes} for the synchronous projections of the same transaction.
 *
 * <p>Axon's own append takes the index without telling it, and its JPA engine takes it with a {@code nextval}
 * of its own before each insert; either way the timelines then had to read each event's index back by its
 * identifier (decision record 9).
 */
public class IndexRecordingEventStorageEngine extends JdbcEventStorageEngine {

    private final EventSchema schema;
    private final TransactionManager transactions;
    private final String insert;

    /**
     * @param builder      a builder with everything Axon's engine needs, the schema and transaction manager included
     * @param schema       the schema given to the builder
     * @param transactions the transaction manager given to the builder
     */
    public IndexRecordingEventStorageEngine(Builder builder, EventSchema schema, TransactionManager transactions) {
        super(builder);
        this.schema = schema;
        this.transactions = transactions;
        this.insert = "insert into " + schema.domainEventTable() + " (" + String.join(", ",
                schema.eventIdentifierColumn(), schema.aggregateIdentifierColumn(), schema.sequenceNumberColumn(),
                schema.typeColumn(), schema.timestampColumn(), schema.payloadTypeColumn(),
                schema.payloadRevisionColumn(), schema.payloadColumn(), schema.metaDataColumn())
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    /**
     * Appends the events in order, in the current transaction: one insert, or for several events one JDBC batch of
     * inserts, whose generated keys answer the indexes in the same order. A subtree delete appends one event per
     * group, thousands in one command, and an insert per round trip was a fifth of its time (decision record 16).
     *
     * @throws org.axonframework.modelling.command.ConcurrencyException when an event's aggregate already has an
     *                                                                  event of its sequence number (another
     *                                                                  writer won; the command is retried)
     * @throws EventStoreException                                      on any other failure of the database
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactions.executeInTransaction(() -> {
            Connection connection = getConnection();
            try (PreparedStatement statement =
                         connection.prepareStatement(insert, new String[] {schema.globalIndexColumn()})) {
                if (events.size() == 1) {
                    bind(statement, EventUtils.asDomainEventMessage(events.get(0)), serializer);
                    statement.executeUpdate();
                } else {
                    for (EventMessage<?> event : events) {
                        bind(statement, EventUtils.asDomainEventMessage(event), serializer);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    for (EventMessage<?> event : events) {
                        if (!keys.next()) {
                            throw new EventStoreException("The event store did not answer the global index of event "
                                    + event.getIdentifier(), null);
                        }
                        AppendedEventIndexes.record(event.getIdentifier(), keys.getLong(1));
                    }
                }
            } catch (BatchUpdateException e) {
                // The driver reports the failed insert (a duplicate key, for a lost race) as the next exception.
                handlePersistenceException(e.getNextException() != null ? e.getNextException() : e, events.get(0));
            } catch (SQLException | RuntimeException e) {
                handlePersistenceException(e, events.get(0));
            } finally {
                closeQuietly(connection);
            }
        });
    }

    /**
     * An aggregate's events are numbered without gaps, so a batch shorter than asked for is the last one: no
     * second query to find an empty batch (Axon's JDBC engine asks for one; its JPA engine does not).
     */
    @Override
    protected boolean fetchForAggregateUntilEmpty() {
        return false;
    }

    /**
     * No snapshots: this service configures no snapshotter, so the snapshot table stays empty and the query for an
     * aggregate's latest snapshot, made before every load, would only ever find nothing. A snapshotter added
     * later must remove this.
     */
    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }

    private void bind(PreparedStatement statement, DomainEventMessage<?> event, Serializer serializer)
            throws SQLException {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
        statement.setString(1, event.getIdentifier());
        statement.setString(2, event.getAggregateIdentifier());
        statement.setLong(3, event.getSequenceNumber());
        statement.setString(4, event.getType());
        writeTimestamp(statement, 5, event.getTimestamp());
        statement.setString(6, payload.getType().getName());
        statement.setString(7, payload.getType().getRevision());
        statement.setBytes(8, payload.getData());
        statement.setBytes(9, metaData.getData());
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // the connection belongs to the transaction, which reports its own failures
        }
    }
}
