-- The past list's default order (API.md section 3: name, then uuid) as an index of the timeline, as
-- idx_group_view_name is for the present: a page is read in index order and stops after its last row instead of
-- sorting every row valid at the instant. Rows of other instants in between are skipped by the validity filter.
create index idx_group_timeline_name_group on group_timeline (name, group_id);
