-- The event store appends with plain JDBC (decision record 9): each insert takes its global index from the
-- sequence through the column's default and answers it as a generated key, instead of a nextval of its own first.
alter table domain_event_entry alter column global_index set default next value for domain_event_entry_seq;
