-- The name filter's trigram index (V9) takes new entries into a pending list again, bounded to 64 kB, the least
-- PostgreSQL allows. With fastupdate off, every group created or renamed updated the index's posting trees in place,
-- and concurrent writers, whose names share trigrams, waited for the same index pages: the group_view insert was the
-- costliest statement of a create (0.32 ms of 1.0 ms of statement time, pg_stat_statements, 16 writers; decision
-- record 17). With a pending list, an insert appends to it, and the writer that fills it merges it into the index in
-- one pass (a hundred or two names), so a search never scans more than 64 kB of pending entries whether or not
-- autovacuum runs: 46 against 37 microseconds for a filter with 97 names pending against none. V9's reason for
-- turning the list off was the default bound of 4 MB, which a server without autovacuum let grow into every search.
alter index idx_group_view_name_trgm set (fastupdate = on, gin_pending_list_limit = 64);
