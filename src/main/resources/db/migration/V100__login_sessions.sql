-- Browser sessions after a form login: the cookie holds a random secret, the table its sha256.
create table login_session (
    id           bigserial primary key,
    user_id      bigint not null references app_user (id),
    secret_hash  text not null unique,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    closed_at    timestamptz
);
create index login_session_user on login_session (user_id);
