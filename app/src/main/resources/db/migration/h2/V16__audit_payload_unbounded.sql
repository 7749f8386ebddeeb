-- An audit row's payload is the event's fields as JSON (API.md section 8), and some events carry lists: an offering's
-- or a plan's groups, new and previous. varchar(4000) held about 105 group uuids; an event with more could never be
-- written, so the audit projection retried it for ever. H2's character varying without a length holds up to its
-- maximum, 1,000,000,000 characters.
alter table audit_event alter column payload set data type character varying;
