-- Indexes for the group list (API.md section 3, "Listing").
--
-- The name filter is a case-insensitive substring, lower(name) like lower(?) (LikePattern). A btree cannot serve a
-- pattern that starts with %, so every list with a name filter computed lower() of every row, once for the count and
-- once for the page. A trigram index on the same expression gives the rows whose lowered name holds every trigram
-- of the pattern; LIKE then rechecks each of them, so the answer stays exact. pg_trgm is a trusted extension: the
-- owner of the database may create it. A pattern with fewer than three characters has no trigram to look up, and the
-- planner then keeps scanning the table. fastupdate is off: with it on, new entries wait in a pending list that every
-- search scans in full until a vacuum merges it, and a server whose autovacuum is off or behind (as measured on this
-- project's benchmark server) then pays for every group renamed or created since, on every filtered list.
create extension if not exists pg_trgm;
create index idx_group_view_name_trgm on group_view using gin (lower(name) gin_trgm_ops) with (fastupdate = off);

-- An as_of list reads group_timeline in the list's order (name, then uuid) and keeps the rows valid at its instant;
-- the index the timeline had on (name, valid_from) gave the names but not the uuid order of ties, so every as_of
-- list sorted all the rows valid then. It still serves name_exact.
drop index idx_group_timeline_name;
create index idx_group_timeline_name on group_timeline (name, group_id);
