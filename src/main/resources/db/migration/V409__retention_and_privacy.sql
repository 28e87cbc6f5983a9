-- Branch i19-retention. A course may say when it ends and how many days after that its hand-in
-- files are kept; `tensormark purge` then removes the files and keeps everything else (receipts'
-- sha256 and sizes, results, grades, the audit trail). Nothing is purged without both settings.
alter table course add column ends_at timestamptz;
alter table course add column retain_handins_days integer check (retain_handins_days >= 0);

-- A purged hand-in file keeps its row (name, sha256, size: what the receipt said); its bytes are gone.
alter table submission_file add column purged_at timestamptz;
-- A blob whose file was deleted because nothing unpurged refers to it any more. Backups skip it;
-- storing the same bytes again clears the mark.
alter table blob add column purged_at timestamptz;

-- A student anonymised on request: name, username and e-mail were replaced; grades stay.
alter table app_user add column anonymised_at timestamptz;

-- The audit log stays append-only, with one exception: anonymising a student rewrites the states
-- that mention them, inside a transaction that says so (set local tensormark.redacting = 'on').
-- Who acted, what, on which entity and when are never changed.
create or replace function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and current_setting('tensormark.redacting', true) = 'on'
            and new.id = old.id and new.at = old.at and new.actor_id is not distinct from old.actor_id
            and new.action = old.action and new.entity_type = old.entity_type and new.entity_id = old.entity_id then
        return new;
    end if;
    raise exception 'audit_log is append-only';
end
$$;
