package org.orggroups.app.eventstore;

import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * Axon's tables as this service's migrations create them (V1: the names of Axon's JPA mapping, in snake case),
 * described for Axon's JDBC storage engine and token store.
 */
public final class EventTable {

    /** {@code domain_event_entry} and {@code snapshot_event_entry}, column for column. */
    public static final EventSchema EVENTS = EventSchema.builder()
            .eventTable("domain_event_entry").snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index").eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier").sequenceNumberColumn("sequence_number")
            .typeColumn("type").timestampColumn("time_stamp").payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision").payloadColumn("payload").metaDataColumn("meta_data")
            .build();

    /** {@code token_entry}, column for column. */
    public static final TokenSchema TOKENS = TokenSchema.builder()
            .setTokenTable("token_entry").setProcessorNameColumn("processor_name").setSegmentColumn("segment")
            .setTokenColumn("token").setTokenTypeColumn("token_type").setTimestampColumn("timestamp")
            .setOwnerColumn("owner")
            .build();

    private EventTable() {
    }
}
