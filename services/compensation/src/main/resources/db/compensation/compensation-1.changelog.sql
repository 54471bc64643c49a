--liquibase formatted sql

--changeset switchboard:compensation-1-policies
--comment: Credit policies, versioned: a version is never changed, a change is a new version. Seeded at start from configuration (default-policies.properties).
create table credit_policy (
    policy_id  varchar(64)  not null,
    version    integer      not null,
    spec       text         not null,
    created_at timestamptz  not null,
    created_by varchar(255) not null,
    primary key (policy_id, version)
);

--changeset switchboard:compensation-1-subscriptions
--comment: Subscriptions and their commitments, kept in sync by the billing system.
create table subscription (
    id               varchar(64)   primary key,
    customer_id      varchar(64)   not null,
    product          varchar(64)   not null,
    region           varchar(64)   not null,
    resource_ids     jsonb         not null,
    monthly_fee      numeric(18,2) not null,
    currency         char(3)       not null,
    commitment       numeric(7,4)  not null,
    billing_zone     varchar(64)   not null,
    policy_id        varchar(64)   not null,
    updated_at       timestamptz   not null,
    updated_by       varchar(255)  not null
);
create index subscription_scope on subscription (product, region);
create index subscription_customer on subscription (customer_id);

--changeset switchboard:compensation-1-outages
--comment: Outages as reported, ended and corrected (from the inbound topic or an operator); revision counts corrections.
create table outage (
    id            varchar(128)  primary key,
    product       varchar(64)   not null,
    region        varchar(64)   not null,
    customer_ids  jsonb         not null,
    resource_ids  jsonb         not null,
    summary       varchar(2000),
    started_at    timestamptz   not null,
    ended_at      timestamptz,
    revision      integer       not null,
    updated_at    timestamptz   not null,
    updated_by    varchar(255)  not null
);
create index outage_scope on outage (product, region, started_at);

--changeset switchboard:compensation-1-ledger
--comment: The availability ledger: one row per subscription and billing month, what it achieved and what was credited for it. The row is locked while a month is settled, so concurrent settlements of one month queue.
create table ledger_month (
    subscription_id     varchar(64)   not null,
    billing_month       date          not null,
    customer_id         varchar(64)   not null,
    unavailable_ms      bigint        not null,
    month_ms            bigint        not null,
    availability        numeric(7,4)  not null,
    entitlement         numeric(18,2) not null,
    availability_credit numeric(18,2) not null,
    other_credit        numeric(18,2) not null,
    currency            char(3)       not null,
    policy_id           varchar(64)   not null,
    policy_version      integer       not null,
    arithmetic          text          not null,
    outages             jsonb         not null,
    updated_at          timestamptz   not null,
    primary key (subscription_id, billing_month)
);
create index ledger_month_customer on ledger_month (customer_id, billing_month);

--changeset switchboard:compensation-1-credits
--comment: Every credit and adjustment. The unique cause makes a second credit for the same cause impossible: one per outage revision and subscription month, one per support-SLA breach, one per claim.
create table credit (
    id               varchar(40)   primary key,
    customer_id      varchar(64)   not null,
    subscription_id  varchar(64)   not null,
    billing_month    date          not null,
    kind             varchar(16)   not null,
    basis            varchar(32)   not null,
    cause            varchar(300)  not null,
    amount           numeric(18,2) not null,
    currency         char(3)       not null,
    form             varchar(32)   not null,
    outage_id        varchar(128),
    ticket_id        varchar(64),
    claim_id         varchar(40),
    policy_id        varchar(64)   not null,
    policy_version   integer       not null,
    availability     numeric(7,4),
    arithmetic       text          not null,
    issued_at        timestamptz   not null,
    constraint credit_once_per_cause unique (subscription_id, billing_month, cause)
);
create index credit_customer_month on credit (customer_id, billing_month);

--changeset switchboard:compensation-1-breaches
--comment: Support-SLA breaches and what was decided for each; one row per ticket and target, so a breach is never credited twice.
create table sla_breach (
    ticket_id      varchar(64)  not null,
    target         varchar(32)  not null,
    customer_id    varchar(64)  not null,
    customer_tier  varchar(32)  not null,
    priority       varchar(8)   not null,
    product        varchar(64),
    region         varchar(64),
    breached_at    timestamptz  not null,
    credit_id      varchar(40),
    reason         text         not null,
    primary key (ticket_id, target)
);

--changeset switchboard:compensation-1-evidence
--comment: Customers' tickets (from support.tickets.v1), the evidence a statement links to an outage; and the compensation reviews of major incidents.
create table customer_ticket (
    ticket_id   varchar(64)  primary key,
    customer_id varchar(64)  not null,
    product     varchar(64),
    region      varchar(64),
    summary     varchar(500),
    opened_at   timestamptz  not null
);
create index customer_ticket_customer on customer_ticket (customer_id, opened_at);
create table compensation_review (
    major_incident_id varchar(64)  not null,
    customer_id       varchar(64)  not null,
    ticket_id         varchar(64)  not null,
    product           varchar(64),
    region            varchar(64),
    impact_started_at timestamptz  not null,
    impact_minutes    bigint       not null,
    due_at            timestamptz  not null,
    status            varchar(16)  not null,
    primary key (major_incident_id, customer_id)
);

--changeset switchboard:compensation-1-claims-disputes
--comment: Customers' claims and disputes.
create table claim (
    id               varchar(40)   primary key,
    customer_id      varchar(64)   not null,
    subscription_id  varchar(64)   not null,
    period_from      timestamptz   not null,
    period_until     timestamptz   not null,
    billing_month    date          not null,
    evidence         varchar(4000),
    ticket_id        varchar(64),
    status           varchar(24)   not null,
    reason           text,
    approved_amount  numeric(18,2),
    currency         char(3)       not null,
    claimed_by       varchar(255)  not null,
    claimed_at       timestamptz   not null,
    decided_by       varchar(255),
    decided_at       timestamptz
);
create index claim_customer on claim (customer_id, claimed_at);
create table dispute (
    id               varchar(40)   primary key,
    customer_id      varchar(64)   not null,
    ticket_id        varchar(64),
    claim_id         varchar(40),
    level            varchar(16)   not null,
    description      varchar(4000) not null,
    claimed_amount   numeric(18,2),
    currency         char(3),
    opened_by        varchar(255)  not null,
    opened_at        timestamptz   not null,
    decision_due_at  timestamptz   not null,
    committee_at     timestamptz   not null,
    stage            varchar(16)   not null,
    status           varchar(16)   not null,
    outcome          varchar(24),
    deciding_body    varchar(24),
    awarded_amount   numeric(18,2),
    credit_id        varchar(40),
    reason           text,
    decided_by       varchar(255),
    decided_at       timestamptz
);
create index dispute_open on dispute (status, decision_due_at);

--changeset switchboard:compensation-1-audit
--comment: Every decision: who or what decided, on which data, under which policy version.
create table audit_record (
    id              varchar(40)  primary key,
    recorded_at     timestamptz  not null,
    actor           varchar(255) not null,
    action          varchar(64)  not null,
    subject_type    varchar(32)  not null,
    subject_id      varchar(300) not null,
    customer_id     varchar(64),
    decision        varchar(64)  not null,
    reason          text         not null,
    policy_id       varchar(64),
    policy_version  integer,
    data            jsonb        not null
);
create index audit_subject on audit_record (subject_type, subject_id);
create index audit_customer on audit_record (customer_id, recorded_at);

--changeset switchboard:compensation-1-review-decisions
--comment: A compensation review's decision: its outcome, why, who decided and when (the audit record holds the same with the review's data).
alter table compensation_review add column outcome varchar(32);
alter table compensation_review add column decision_reason text;
alter table compensation_review add column decided_by varchar(255);
alter table compensation_review add column decided_at timestamptz;
create index compensation_review_open on compensation_review (status, due_at);

--changeset switchboard:compensation-1-ledger-terms
--comment: The fee and commitment a month was settled with: the statement shows the arithmetic of what was credited even after the subscription's terms changed (a closed month keeps its credits).
alter table ledger_month add column monthly_fee numeric(18,2);
alter table ledger_month add column commitment numeric(7,4);
