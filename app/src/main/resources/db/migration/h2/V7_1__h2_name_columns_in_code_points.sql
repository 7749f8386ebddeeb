-- H2 counts a varchar's length in UTF-16 units, PostgreSQL in characters. Names may hold 150 code points
-- (API.md section 1: lengths are counted in code points), which can take 300 UTF-16 units; the service itself
-- enforces the limit of 150 code points. H2 only: PostgreSQL's varchar(150) already counts characters.
alter table group_view alter column name set data type varchar(300);
alter table group_view alter column parent_name set data type varchar(300);
alter table customer_view alter column name set data type varchar(300);
alter table group_timeline alter column name set data type varchar(300);
alter table group_timeline alter column parent_name set data type varchar(300);
alter table customer_timeline alter column name set data type varchar(300);
alter table report_group alter column name set data type varchar(300);
alter table app_user alter column username set data type varchar(300);
alter table app_user alter column full_name set data type varchar(300);
