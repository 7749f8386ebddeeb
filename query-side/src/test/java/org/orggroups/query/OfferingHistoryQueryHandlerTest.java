package org.orggroups.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;
import org.orggroups.api.query.offering.FindOfferingVersion;
import org.orggroups.api.query.offering.ListOfferingHistory;
import org.orggroups.api.query.offering.OfferingVersion;
import org.orggroups.api.query.offering.PlanSummary;
import org.orggroups.query.offering.OfferingHistoryQueryHandler;
import org.orggroups.query.offering.OfferingViewProjection;

/**
 * Offering and plan histories read from an event table as the store writes it, with the timelines the group and
 * customer projections keep: comments and states name groups and the provider as they were at each event.
 */
class OfferingHistoryQueryHandlerTest {

    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private TestDatabase database;
    private OfferingHistoryQueryHandler handler;

    @BeforeEach
    void setUp() {
        database = TestDatabase.create();
        String binary = database.jdbc().execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName())
                .equals("PostgreSQL") ? "bytea" : "blob";
        database.jdbc().execute("create table domain_event_entry (global_index bigint not null primary key,"
                + " event_identifier varchar(255) not null unique, aggregate_identifier varchar(255) not null,"
                + " sequence_number bigint not null, type varchar(255), time_stamp varchar(255) not null,"
                + " payload_type varchar(255) not null, payload_revision varchar(255), payload " + binary + " not null,"
                + " meta_data " + binary + ")");
        handler = new OfferingHistoryQueryHandler(database.jdbc(), serializer);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void versionsAreNewestFirstWithTheNamesAndGroupsOfTheirMoment() {
        EventHistory history = new EventHistory(71);
        GroupId alpha = history.createGroup("Alpha", null);
        GroupId beta = history.createGroup("Beta", null);
        CustomerId provider = history.createCustomer("Provider");
        OfferingId offering = history.createOffering("Compute", provider, true, false, List.of(beta, alpha));
        PlanId small = history.createPlan(offering, "Small", false, List.of());
        history.renameGroup(alpha, "Aardvark");
        history.restrictOffering(offering, true, List.of(alpha));
        history.restrictPlan(offering, small, false, List.of(beta));
        history.deleteSubtree(beta);
        history.openOffering(offering);
        history.renameCustomer(provider, "Provider Ltd");
        history.deleteProvider(provider);
        store(history);

        List<OfferingVersion> versions = handler.handle(new ListOfferingHistory(offering, null, null, null,
                new PageRequest(1, 20))).items();
        assertThat(versions).extracting(OfferingVersion::comment).containsExactly(
                "Deleted with its provider \"Provider Ltd\"",
                "Opened to all customers",
                "Plan \"Small\" restricted to \"Beta\"",
                "Restricted to \"Aardvark\" and their descendant groups",
                "Added plan \"Small\"",
                "Created \"Compute\" restricted to \"Alpha\", \"Beta\"");
        assertThat(versions).extracting(v -> v.offering().version()).containsExactly(4L, 4L, 3L, 2L, 1L, 0L);
        assertThat(versions).allSatisfy(v -> assertThat(v.plan()).isNull());
        assertThat(versions.get(5).offering().groups()).extracting(GroupSummary::name)
                .containsExactly("Alpha", "Beta");
        assertThat(versions.get(5).offering().providerName()).isEqualTo("Provider");
        assertThat(versions.get(5).offering().plans()).isEmpty();
        assertThat(versions.get(4).offering().plans()).extracting(PlanSummary::name).containsExactly("Small");
        // After Beta's delete the plan is still restricted, to no live group.
        PlanSummary closedPlan = versions.get(1).offering().plans().get(0);
        assertThat(closedPlan.restricted()).isTrue();
        assertThat(closedPlan.groups()).isEmpty();
        assertThat(versions.get(1).offering().restricted()).isFalse();
        // The deletion shows the offering as it was deleted.
        assertThat(versions.get(0).offering().name()).isEqualTo("Compute");
        assertThat(versions.get(0).offering().providerName()).isEqualTo("Provider Ltd");

        List<OfferingVersion> planVersions = handler.handle(new ListOfferingHistory(offering, small, null, null,
                new PageRequest(1, 20))).items();
        assertThat(planVersions).extracting(OfferingVersion::comment).containsExactly(
                "Deleted with its offering \"Compute\"",
                "Restricted to \"Beta\"",
                "Created \"Small\"");
        assertThat(planVersions).allSatisfy(v -> assertThat(v.offering()).isNull());
        assertThat(planVersions.get(1).plan().groups()).extracting(GroupSummary::groupId).containsExactly(beta);
        assertThat(planVersions.get(1).plan().version()).isEqualTo(3);
        assertThat(planVersions.get(0).plan().groups()).isEmpty();
    }

    @Test
    void windowsAndInstantsSelectVersionsAsForGroups() {
        EventHistory history = new EventHistory(72);
        GroupId group = history.createGroup("Group", null);
        CustomerId provider = history.createCustomer("Provider");
        OfferingId offering = history.createOffering("Compute", provider, false, false, List.of());
        history.nextDay();
        history.restrictOffering(offering, false, List.of(group));
        history.nextDay();
        history.openOffering(offering);
        store(history);
        List<OfferingVersion> all = handler.handle(new ListOfferingHistory(offering, null, null, null,
                new PageRequest(1, 20))).items();
        assertThat(all).extracting(OfferingVersion::comment).containsExactly("Opened to all customers",
                "Restricted to \"Group\"", "Created \"Compute\"");

        Page<OfferingVersion> middle = handler.handle(new ListOfferingHistory(offering, null,
                all.get(2).revisionDate(), all.get(0).revisionDate(), new PageRequest(1, 20)));
        assertThat(middle.items()).extracting(OfferingVersion::id).containsExactly(all.get(1).id());
        assertThat(handler.handle(new ListOfferingHistory(offering, null, null, null, new PageRequest(2, 2)))
                .items()).extracting(OfferingVersion::id).containsExactly(all.get(2).id());
        assertThat(handler.handle(new FindOfferingVersion(offering, null, all.get(1).revisionDate().plusSeconds(1))))
                .map(OfferingVersion::id).contains(all.get(1).id());
        assertThat(handler.handle(new FindOfferingVersion(offering, null, all.get(2).revisionDate().minusMillis(1))))
                .isEmpty();
        assertThat(handler.handle(new FindOfferingVersion(offering, null, null))).map(OfferingVersion::id)
                .contains(all.get(0).id());
        assertThat(handler.handle(new ListOfferingHistory(OfferingId.random(), null, null, null,
                new PageRequest(1, 20))).total()).isZero();
    }

    /** Feeds the views and timelines, and writes the events into the event table as the store does. */
    private void store(EventHistory history) {
        EventHistory.replayThroughHandlers(history.events(), new GroupViewProjection(database.jdbc()),
                new CustomerViewProjection(database.jdbc()), new OfferingViewProjection(database.jdbc()));
        for (EventHistory.Stored event : history.events()) {
            SerializedObject<byte[]> payload = serializer.serialize(event.message().getPayload(), byte[].class);
            SerializedObject<byte[]> metaData = serializer.serialize(event.message().getMetaData(), byte[].class);
            database.jdbc().update("insert into domain_event_entry (global_index, event_identifier,"
                            + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision,"
                            + " payload, meta_data) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    event.globalIndex(), event.message().getIdentifier(), event.message().getAggregateIdentifier(),
                    event.message().getSequenceNumber(), event.message().getType(),
                    DateTimeUtils.formatInstant(event.message().getTimestamp()), payload.getType().getName(),
                    payload.getType().getRevision(), payload.getData(), metaData.getData());
        }
    }
}
