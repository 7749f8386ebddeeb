-- Copy of the app module's V6__audit_and_reports.sql (the same for PostgreSQL and H2) followed by H2's
-- V15__report_counts_heap_only.sql, so that the audit log and report folds are tested against the very tables they
-- fill. Keep them in step.
-- Tables of the replayable streaming projections (audit log, group reports). Like every read table they can be
-- dropped and rebuilt from the event store; their processors' @ResetHandlers empty them before a replay.

-- One row per stored event, keyed by its global index; an index per filter of GET /api/audit-events/,
-- each ending in the global index so that "newest first" pages are read in index order.
create table audit_event (
    global_index    bigint        not null primary key,
    event_type      varchar(255)  not null,
    aggregate_type  varchar(255),
    aggregate_id    uuid,
    sequence_number bigint,
    time_stamp      timestamp(6) with time zone not null,
    user_uuid       uuid,
    username        varchar(255),
    correlation_id  varchar(255),
    payload         varchar(4000) not null
);
create index idx_audit_event_aggregate on audit_event (aggregate_id, global_index);
create index idx_audit_event_type on audit_event (event_type, global_index);
create index idx_audit_event_user on audit_event (user_uuid, global_index);
create index idx_audit_event_correlation on audit_event (correlation_id, global_index);
create index idx_audit_event_time on audit_event (time_stamp, global_index);

-- One row per live group with its counts, kept exact from the rows of the tables below.
create table report_group (
    group_id                uuid         not null primary key,
    name                    varchar(150) not null,
    parent_id               uuid,
    depth                   integer      not null,
    customers_count         bigint       not null,
    subtree_customers_count bigint       not null,
    descendants_count       bigint       not null
);
create index idx_report_group_parent on report_group (parent_id, group_id);
create index idx_report_group_name on report_group (name, group_id);
create index idx_report_group_customers on report_group (customers_count, group_id);
create index idx_report_group_subtree_customers on report_group (subtree_customers_count, group_id);
create index idx_report_group_descendants on report_group (descendants_count, group_id);
create index idx_report_group_depth on report_group (depth, group_id);

-- Closure of the tree: every (ancestor, descendant) pair of live groups, a group being its own ancestor at depth 0.
create table report_closure (
    ancestor_id   uuid    not null,
    descendant_id uuid    not null,
    depth         integer not null,
    primary key (ancestor_id, descendant_id)
);
create index idx_report_closure_descendant on report_closure (descendant_id, ancestor_id, depth);

-- Direct memberships of live groups.
create table report_member (
    group_id    uuid not null,
    customer_id uuid not null,
    primary key (group_id, customer_id)
);

-- For each group and each customer in its subtree: in how many groups of that subtree the customer is a
-- member. A customer counts once in subtree_customers_count while its multiplicity is above zero.
create table report_subtree_member (
    ancestor_id  uuid   not null,
    customer_id  uuid   not null,
    multiplicity bigint not null,
    primary key (ancestor_id, customer_id)
);

-- Each group's counts at the end of every UTC day on which they changed.
create table report_membership_history (
    group_id                uuid   not null,
    as_of                   date   not null,
    customers_count         bigint not null,
    subtree_customers_count bigint not null,
    primary key (group_id, as_of)
);
-- The same indexes as on PostgreSQL (see postgresql/V15): the report's counts change with every creation, join and
-- leave below a group, and the list ordered by them sorts the table's rows instead.
drop index idx_report_group_customers;
drop index idx_report_group_subtree_customers;
drop index idx_report_group_descendants;
drop index idx_report_group_depth;
