-- Every creation under a parent adds one to descendants_count of each ancestor, and every join or leave changes
-- subtree_customers_count of each ancestor: the report's most frequent statements. An update of an indexed column
-- is never heap-only, so each of those updates inserted an entry into all seven of report_group's indexes (two
-- thirds of the index entries a create child wrote). The indexes on the counts and the depth served the report
-- list ordered by them; that list now sorts the table's rows instead (a staff report), and the updates of counts
-- stay on their page (heap-only) when it has room, which the fill factor keeps (decision record 23).
drop index idx_report_group_customers;
drop index idx_report_group_subtree_customers;
drop index idx_report_group_descendants;
drop index idx_report_group_depth;
alter table report_group set (fillfactor = 80);
