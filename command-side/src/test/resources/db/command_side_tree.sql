-- Copy of the application's Flyway migration V2__command_side_tree.sql and of the command-side table of
-- V11__offerings_and_plans.sql, for tests on an in-memory H2. Keep it in step with the migrations.
create table group_tree (
    group_id  uuid    not null primary key,
    parent_id uuid,
    deleted   boolean not null default false
);
create index idx_group_tree_parent on group_tree (parent_id);

create table group_member (
    group_id    uuid not null,
    customer_id uuid not null,
    primary key (group_id, customer_id)
);
create index idx_group_member_customer on group_member (customer_id);

-- Copy of provider_offering from V11__offerings_and_plans.sql.
create table provider_offering (
    offering_id uuid not null primary key,
    provider_id uuid not null
);
create index idx_provider_offering_provider on provider_offering (provider_id);

-- One row. Every change to the tree's shape (move, delete, membership change) locks it first, so that
-- two opposite moves can never both pass, on any number of nodes sharing this database.
create table tree_lock (
    id integer not null primary key
);
insert into tree_lock (id) values (1);

-- Axon's event table, as far as AggregateLockInterceptor reads it. The wiring test keeps its events in memory,
-- so this stays empty and the lock finds no row; the app's tests run the real lock on the real event store.
create table domain_event_entry (
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    primary key (aggregate_identifier, sequence_number)
);
