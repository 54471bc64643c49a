--liquibase formatted sql
-- The escalation service's own tables: policy versions, tickets' facts with their durable timer,
-- the clocks' last evaluation (for views and the at-risk list), major incidents and their tickets.

--changeset escalation:1-policy
--comment: Published SLA policy versions; a version never changes once written.
create table sla_policy_version (
    policy_id      varchar(63)  not null,
    version        int          not null,
    effective_from timestamptz  not null,
    entries        text         not null,
    published_by   varchar(255) not null,
    published_at   timestamptz  not null,
    primary key (policy_id, version)
);

--changeset escalation:1-ticket
--comment: A ticket's facts (the events that drive its clocks) and the notices already published; next_due_at is its durable timer, claimed by the poller with FOR UPDATE SKIP LOCKED.
create table sla_ticket (
    ticket_id    varchar(128) primary key,
    customer_id  varchar(128),
    facts        text         not null,
    published    text         not null,
    support_level varchar(8),
    incident_id  varchar(128),
    next_due_at  timestamptz,
    updated_at   timestamptz  not null
);
create index sla_ticket_due on sla_ticket (next_due_at) where next_due_at is not null;

--changeset escalation:1-clock
--comment: Each clock as of its ticket's last evaluation; the at-risk list reads those in warning or breached.
create table sla_clock (
    ticket_id      varchar(128) not null,
    clock_key      varchar(64)  not null,
    metric         varchar(32)  not null,
    state          varchar(16)  not null,
    policy_id      varchar(63)  not null,
    policy_version int          not null,
    target_seconds bigint       not null,
    used_seconds   bigint       not null,
    started_at     timestamptz  not null,
    stopped_at     timestamptz,
    due_at         timestamptz,
    evaluated_at   timestamptz  not null,
    primary key (ticket_id, clock_key)
);
create index sla_clock_at_risk on sla_clock (due_at) where state in ('WARNING', 'BREACHED');

--changeset escalation:1-major-incident
--comment: Major incidents (declared for an L3 or emergency ticket, or by a supervisor) with their own timer: hourly progress updates until every linked ticket is resolved, the compensation review once impact passes its limit.
create table major_incident (
    incident_id        varchar(128) primary key,
    summary            varchar(500) not null,
    emergency_level    varchar(16),
    response_team      varchar(128) not null,
    declared_by        varchar(255) not null,
    declared_at        timestamptz  not null,
    impact_started_at  timestamptz  not null,
    progress_interval_seconds bigint not null,
    review_after_seconds      bigint not null,
    updates_sent       int          not null default 0,
    review_sent        boolean      not null default false,
    next_due_at        timestamptz
);
create index major_incident_due on major_incident (next_due_at) where next_due_at is not null;

create table major_incident_ticket (
    incident_id  varchar(128) not null references major_incident (incident_id),
    ticket_id    varchar(128) not null,
    customer_id  varchar(128),
    product      varchar(128),
    region       varchar(128),
    linked_at    timestamptz  not null,
    resolved_at  timestamptz,
    primary key (incident_id, ticket_id)
);

--changeset escalation:2-incident-ticket-lookup
--comment: A ticket's settlement looks up the incidents it belongs to by ticket id.
create index major_incident_ticket_by_ticket on major_incident_ticket (ticket_id);
