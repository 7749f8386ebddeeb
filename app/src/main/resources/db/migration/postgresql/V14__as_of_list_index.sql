-- An as_of list walks the timeline's name index (V13) in the list's order (name, then uuid) and keeps the states
-- valid at its instant. Both tests of validity were filters on the rows, so the walk read the row of every state
-- that sorted before the page's last one, valid then or not: on the benchmark's database, 13,141 rows for a page of
-- 250, most of them the states of groups created after the instant, whose names sort first. The index now also holds
-- when each state began, so PostgreSQL skips the states begun after the instant on the index's entries and reads
-- the rows of the others only (the page 10.7 ms to about 1 ms). It still serves name_exact and the present order of
-- ties. Holding the end of a state too (as coalesce(valid_to, <the year 10000>), so that both tests are on the index)
-- cost a rename a seventh of its requests/s, against nothing measurable for this one (decision record 19).
drop index idx_group_timeline_name;
create index idx_group_timeline_name on group_timeline (name, group_id, valid_from);
