-- An as_of list reads group_timeline in the list's order (name, then uuid) and keeps the rows valid at its instant;
-- the index on (name, valid_from) gave the names but not the uuid order of ties. The trigram index PostgreSQL gets
-- for the name filter has no H2 counterpart.
drop index idx_group_timeline_name;
create index idx_group_timeline_name on group_timeline (name, group_id);
