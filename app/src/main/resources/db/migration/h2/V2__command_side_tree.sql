-- The command side's own view of the tree, written in the same transaction as the events. Aggregates
-- use it for set-based checks: parent exists and is live, no cycle, members of a deleted subtree
-- (DESIGN.md section 4). It can be rebuilt from the events.
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

-- One row. Every change to the tree's shape (move, delete, membership change) locks it first, so that
-- two opposite moves can never both pass, on any number of nodes sharing this database.
create table tree_lock (
    id integer not null primary key
);
insert into tree_lock (id) values (1);
