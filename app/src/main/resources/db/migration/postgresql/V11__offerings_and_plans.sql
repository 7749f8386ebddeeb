-- Offerings and plans restricted to organization groups (API.md 12.10). Every table here is derived
-- from the events, written in the command's transaction, and rebuilt with the other synchronous views.

-- Command side: which live offerings each provider has, so that deleting the provider deletes them (Waldur's
-- CASCADE). The group tree's projection keeps it.
create table provider_offering (
    offering_id uuid not null primary key,
    provider_id uuid not null
);
create index idx_provider_offering_provider on provider_offering (provider_id);

-- Query side. One row per live offering; restricted stays true after every group of the restriction is deleted.
create table offering_view (
    offering_id               uuid         not null primary key,
    name                      varchar(150) not null,
    provider_id               uuid         not null,
    shared                    boolean      not null,
    restricted                boolean      not null,
    include_descendant_groups boolean      not null,
    version                   bigint       not null
);
create index idx_offering_view_name on offering_view (name, offering_id);
create index idx_offering_view_provider on offering_view (provider_id);

-- The live groups of each offering's restriction; rows go when the group is deleted.
create table offering_group_view (
    offering_id uuid not null,
    group_id    uuid not null,
    primary key (offering_id, group_id)
);
create index idx_offering_group_view_group on offering_group_view (group_id);

create table plan_view (
    plan_id                   uuid         not null primary key,
    offering_id               uuid         not null,
    name                      varchar(150) not null,
    restricted                boolean      not null,
    include_descendant_groups boolean      not null,
    version                   bigint       not null
);
create index idx_plan_view_offering on plan_view (offering_id, name, plan_id);
create index idx_plan_view_name on plan_view (name, plan_id);

create table plan_group_view (
    plan_id  uuid not null,
    group_id uuid not null,
    primary key (plan_id, group_id)
);
create index idx_plan_group_view_group on plan_group_view (group_id);

-- Every plan ever created and the offering whose stream holds its events, deleted ones included: plan histories
-- and commands addressed by a plan's uuid find the stream here.
create table plan_stream (
    plan_id     uuid not null primary key,
    offering_id uuid not null
);
