-- Each token carries its own expiry, decided at login by the node that issued it, so that every node agrees on
-- it whatever its own token-lifetime setting. Filled for existing tokens, and then made not null, by migration
-- 12.1 (TokenExpiryMigration), from the token-lifetime setting of the node that runs it.
alter table auth_token add column expires_at timestamp(6) with time zone;
