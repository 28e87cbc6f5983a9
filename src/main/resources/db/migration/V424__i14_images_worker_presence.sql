-- Branch i14-images. One row per live worker: the grading images it holds (name and digest) and
-- its devices, written when it starts and refreshed every heartbeat period, deleted when it stops.
-- A row not refreshed within the queue's lease belongs to a worker that died: readers ignore it
-- and the next refresh of any worker deletes it. The dashboard tells from these rows why a queued
-- job waits (no live worker holds its image, or none has the GPU it asks for).
create table worker_presence (
    worker_id  text primary key,
    images     jsonb not null default '[]',
    devices    text[] not null default '{cpu}',
    slots      integer not null,
    started_at timestamptz not null default now(),
    seen_at    timestamptz not null default now()
);
