--liquibase formatted sql

--changeset switchboard:routing-1-desk
--comment: Regional centres, skill groups and agents. Sets are JSON arrays. An agent's load is the number of tickets they hold; it only grows through a conditional update (load < capacity), so no agent ever holds more than their capacity, whatever the number of routing instances.
create table centre (
    id              varchar(64)  primary key,
    zone            varchar(64)  not null,
    public_holidays jsonb        not null
);
create table skill_group (
    id            varchar(64)  primary key,
    name          varchar(200) not null,
    skill         varchar(64)  not null,
    products      jsonb        not null,
    languages     jsonb        not null,
    certification varchar(32)  not null,
    level         varchar(8)   not null,
    tiers         jsonb        not null,
    centre_id     varchar(64)  not null references centre (id),
    hours         varchar(1000) not null,
    strategy      varchar(32)  not null,
    emergency     boolean      not null,
    last_picked   varchar(64),
    updated_at    timestamptz  not null
);
create table agent (
    id                varchar(64)  primary key,
    name              varchar(200) not null,
    centre_id         varchar(64)  not null references centre (id),
    languages         jsonb        not null,
    skills            jsonb        not null,
    certifications    jsonb        not null,
    groups            jsonb        not null,
    capacity          integer      not null check (capacity >= 0),
    load              integer      not null default 0 check (load >= 0),
    presence          varchar(16)  not null,
    presence_since    timestamptz  not null,
    last_assigned_at  timestamptz,
    managed_customers jsonb        not null,
    temporary         boolean      not null default false,
    roster            varchar(1000),
    updated_at        timestamptz  not null
);
create index agent_by_group on agent using gin (groups);
create index agent_by_customer on agent using gin (managed_customers);

--changeset switchboard:routing-1-tickets
--comment: Tickets as routing knows them, where each is (queued in a group, assigned to an agent, unroutable, done), and every decision with its reason and skipped candidates.
create table routed_ticket (
    id                 varchar(64)  primary key,
    customer_id        varchar(64)  not null,
    tier               varchar(32)  not null,
    language           varchar(8)   not null,
    skill              varchar(64),
    category           varchar(100) not null,
    product            varchar(100),
    priority           varchar(8)   not null,
    emergency          boolean      not null,
    emergency_level    varchar(16),
    level              varchar(8)   not null,
    account_manager_id varchar(64),
    region             varchar(64),
    customer_time_zone varchar(64),
    opened_at          timestamptz  not null,
    declined_by        jsonb        not null,
    status             varchar(16)  not null,
    group_id           varchar(64),
    agent_id           varchar(64),
    queued_at          timestamptz,
    wait_until         timestamptz,
    routed_at          timestamptz  not null,
    assigned_at        timestamptz,
    version            bigint       not null default 0
);
create index routed_ticket_queue on routed_ticket (group_id, emergency desc, priority, queued_at) where status = 'QUEUED';
create index routed_ticket_by_agent on routed_ticket (agent_id) where status = 'ASSIGNED';
create index routed_ticket_routed_at on routed_ticket (routed_at);

create table routing_decision (
    id                   bigint generated always as identity primary key,
    ticket_id            varchar(64)  not null,
    decided_at           timestamptz  not null,
    action               varchar(32)  not null,
    outcome              varchar(16),
    group_id             varchar(64),
    agent_id             varchar(64),
    rule                 varchar(32),
    reason               varchar(2000) not null,
    requirement          varchar(200),
    skipped              jsonb        not null,
    skipped_not_recorded integer      not null default 0,
    actor                varchar(255) not null
);
create index routing_decision_by_ticket on routing_decision (ticket_id, id);

--changeset switchboard:routing-1-forecast
--comment: Ticket arrivals per group and hour (the forecast's history) and declared peak events.
create table arrival (
    group_id   varchar(64) not null,
    hour_start timestamptz not null,
    tickets    integer     not null,
    primary key (group_id, hour_start)
);
create table peak_event (
    id         varchar(64)  primary key,
    group_id   varchar(64),
    starts_on  date         not null,
    ends_on    date         not null,
    multiplier numeric(6,2) not null check (multiplier > 0),
    note       varchar(500)
);

--changeset switchboard:routing-1-sweep-indexes
--comment: The sweep's reads every few seconds: tickets due for another decision, and the last hour's assignments of the queue view. Without these they scan every ticket routing ever saw.
create index routed_ticket_waiting on routed_ticket (wait_until) where status in ('QUEUED', 'UNROUTABLE');
create index routed_ticket_assigned_at on routed_ticket (assigned_at) where assigned_at is not null;

--changeset switchboard:routing-1-answer-time
--comment: Time from routing to assignment per language and hour, kept as each assignment is made, so that the queue view reads a few rows instead of every ticket assigned in the last hour.
create table answer_time (
    language      varchar(16)      not null,
    hour_start    timestamptz      not null,
    assigned      integer          not null,
    seconds_total double precision not null,
    primary key (language, hour_start)
);
