-- When an instructor releases the hidden checks' details of an assignment to its students.
create table hidden_release (
    assignment_id text primary key references assignment (id),
    released_at   timestamptz not null default now(),
    released_by   bigint not null references app_user (id)
);
