-- One-row insert, the smallest durable write PostgreSQL can do: a lower bound for the latency and an
-- upper bound for the throughput of any write path of the service (which writes at least an event row
-- and its view rows in one transaction). The payload is about the size of a small serialized event.
\set n random(1, 1000000000)
INSERT INTO bench_one_row (payload) VALUES (repeat(md5(:n::text), 8));
