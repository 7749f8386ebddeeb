-- Failed logins, counted for the whole cluster (API.md section 2), per username and per client address. A row
-- is one subject's allowance as a token bucket: clear_at is the instant at which all of its counted failures
-- will have worn off (each failure moves it on by login-failure-window / max-login-failures). subject is the
-- hex SHA-256 of 'username:<name>' or 'address:<client address>', so that attempted usernames (often a
-- mistyped password) are not kept in plain text and any name or address fits. Rows whose clear_at has passed
-- mean nothing and are deleted on every failed login, by clear_at.
create table login_failure (
    subject  varchar(64) not null primary key,
    clear_at timestamp(6) with time zone not null
);
create index idx_login_failure_clear_at on login_failure (clear_at);

-- Each token carries its own expiry, decided at login by the node that issued it, so that every node agrees on
-- it whatever its own token-lifetime setting. Filled for existing tokens, and then made not null, by migration
-- 12.1 (TokenExpiryMigration), from the token-lifetime setting of the node that runs it.
alter table auth_token add column expires_at timestamp(6) with time zone;
