-- Users and API tokens (API.md section 2). Passwords are bcrypt hashes; tokens are stored as the
-- hex SHA-256 of the token, never in plain text.
create table app_user (
    id            uuid         not null primary key,
    username      varchar(150) not null,
    password_hash varchar(100) not null,
    full_name     varchar(150) not null default '',
    is_staff      boolean      not null default false,
    is_active     boolean      not null default true,
    date_joined   timestamp(6) with time zone not null,
    constraint uk_app_user_username unique (username)
);

create table auth_token (
    token_hash varchar(64) not null primary key,
    user_id    uuid        not null references app_user (id) on delete cascade,
    created    timestamp(6) with time zone not null
);
create index idx_auth_token_user on auth_token (user_id);
