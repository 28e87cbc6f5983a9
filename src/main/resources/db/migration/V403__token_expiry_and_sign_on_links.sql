-- Branch i11-signin. API tokens expire; tokens made before this rule expire 180 days after their
-- creation, the default lifetime (tensormark.tokens.lifetime).
alter table api_token add column expires_at timestamptz;
update api_token set expires_at = created_at + interval '180 days';
alter table api_token alter column expires_at set not null;

-- A single-sign-on identity is its issuer and subject, never a username claim: this pair names the
-- account it signs in to. Made on a first sign-in (new account), by an admin, or from a verified
-- email when tensormark.sso.link-verified-email allows it.
create table sign_on_link (
    id        bigserial primary key,
    issuer    text not null,
    subject   text not null,
    user_id   bigint not null references app_user (id),
    linked_by text not null check (linked_by in ('first-sign-in', 'admin', 'verified-email')),
    linked_at timestamptz not null default now(),
    unique (issuer, subject)
);
create index sign_on_link_user on sign_on_link (user_id);
