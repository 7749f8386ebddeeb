-- The same indexes as on PostgreSQL (see postgresql/V15): the report's counts change with every creation, join and
-- leave below a group, and the list ordered by them sorts the table's rows instead.
drop index idx_report_group_customers;
drop index idx_report_group_subtree_customers;
drop index idx_report_group_descendants;
drop index idx_report_group_depth;
