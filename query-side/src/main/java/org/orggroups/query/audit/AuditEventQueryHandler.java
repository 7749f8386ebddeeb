package org.orggroups.query.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.axonframework.queryhandling.QueryHandler;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.audit.AuditEvent;
import org.orggroups.api.query.audit.ListAuditEvents;
import org.orggroups.query.Paging;
import org.orggroups.query.SqlWhere;
import org.orggroups.query.StoredTimes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers {@link ListAuditEvents} from {@code audit_event}, which {@link AuditEventProjection} keeps. The log is
 * eventually consistent: it shows the events its processor has handled.
 */
@Component
public class AuditEventQueryHandler {

    private static final String COLUMNS = "global_index, event_type, aggregate_type, aggregate_id, sequence_number,"
            + " time_stamp, user_uuid, username, correlation_id, payload";

    private final JdbcTemplate jdbc;

    /** @param jdbc read access to {@code audit_event} */
    public AuditEventQueryHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param query filters (each optional, combined with "and") and the page
     * @return the page, newest event (highest global index) first; {@link Page#exists()} is {@code false} past
     *         the last page
     */
    @QueryHandler
    public Page<AuditEvent> handle(ListAuditEvents query) {
        SqlWhere where = new SqlWhere();
        if (query.aggregateId() != null) {
            where.and("aggregate_id = ?", query.aggregateId());
        }
        if (query.eventType() != null) {
            where.and("event_type = ?", query.eventType());
        }
        if (query.userId() != null) {
            where.and("user_uuid = ?", query.userId());
        }
        if (query.correlationId() != null) {
            where.and("correlation_id = ?", query.correlationId());
        }
        if (query.createdBefore() != null) {
            where.and("time_stamp < ?", StoredTimes.ceiling(query.createdBefore()));
        }
        if (query.createdAfter() != null) {
            where.and("time_stamp > ?", StoredTimes.floor(query.createdAfter()));
        }
        long total = jdbc.queryForObject("select count(*) from audit_event" + where.sql(), Long.class, where.args());
        String select = "select " + COLUMNS + " from audit_event" + where.sql()
                + " order by global_index desc offset ? rows fetch first ? rows only";
        return Paging.page(query.page(), total,
                (offset, limit) -> jdbc.query(select, AuditEventQueryHandler::map, where.args(offset, limit)));
    }

    private static AuditEvent map(ResultSet rs, int row) throws SQLException {
        // A non-domain event has no sequence: getLong reads SQL null as 0.
        return new AuditEvent(rs.getLong("global_index"), rs.getString("event_type"), rs.getString("aggregate_type"),
                rs.getObject("aggregate_id", UUID.class), rs.getLong("sequence_number"),
                rs.getObject("time_stamp", OffsetDateTime.class).toInstant(), rs.getObject("user_uuid", UUID.class),
                rs.getString("username"), rs.getString("correlation_id"),
                AuditPayloads.decode(rs.getString("payload")));
    }
}
