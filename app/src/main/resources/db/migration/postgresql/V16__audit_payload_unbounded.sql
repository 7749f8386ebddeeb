-- An audit row's payload is the event's fields as JSON (API.md section 8), and some events carry lists: an offering's
-- or a plan's groups, new and previous (OfferingAccessRestricted, PlanAccessRestricted). varchar(4000) held about 105
-- group uuids; an event with more could never be written, so the audit projection retried it for ever and no later
-- event reached the log, a rebuild included. The contract bounds no list, so neither does the column. On PostgreSQL
-- varchar to text needs no rewrite of the table.
alter table audit_event alter column payload type text;
