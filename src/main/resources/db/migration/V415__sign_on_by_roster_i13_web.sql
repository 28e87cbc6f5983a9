-- Branch i13-web. A first sign-on may link to a password-less roster account whose username or
-- student id equals the identity provider's roster claim (tensormark.sso.roster-claim).
alter table sign_on_link drop constraint sign_on_link_linked_by_check;
alter table sign_on_link add constraint sign_on_link_linked_by_check
    check (linked_by in ('first-sign-in', 'admin', 'verified-email', 'roster'));
