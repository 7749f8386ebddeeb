-- Read tables served by the query side, updated in the same transaction as the events (read your writes).
-- All of them can be dropped and rebuilt from the event store.
create table group_view (
    group_id        uuid         not null primary key,
    name            varchar(150) not null,
    parent_id       uuid,
    parent_name     varchar(150),
    customers_count bigint       not null default 0,
    version         bigint       not null
);
create index idx_group_view_parent on group_view (parent_id);
create index idx_group_view_name on group_view (name, group_id);
create index idx_group_view_count on group_view (customers_count, group_id);

create table customer_view (
    customer_id uuid         not null primary key,
    name        varchar(150) not null
);
create index idx_customer_view_name on customer_view (name, customer_id);

create table customer_group_view (
    customer_id uuid not null,
    group_id    uuid not null,
    primary key (customer_id, group_id)
);
create index idx_customer_group_view_group on customer_group_view (group_id);
