--liquibase formatted sql

--changeset switchboard:intake-1-customers
--comment: The customer tier directory; a caller number identifies one customer.
create table customer (
    id                 varchar(64)  primary key,
    name               varchar(200),
    tier               varchar(32)  not null,
    language           varchar(8)   not null,
    region             varchar(64),
    account_manager_id varchar(64),
    updated_at         timestamptz  not null
);
create table customer_phone (
    customer_id  varchar(64) not null references customer (id) on delete cascade,
    phone_number varchar(32) not null,
    primary key (customer_id, phone_number)
);
create unique index customer_phone_number on customer_phone (phone_number);

--changeset switchboard:intake-1-tickets
--comment: Tickets. While a ticket with a dedup key is open, the partial unique index makes a second trigger with that key an occurrence of it instead of a second ticket.
create table ticket (
    id                       varchar(40)  primary key,
    customer_id              varchar(64)  not null,
    customer_tier            varchar(32)  not null,
    channel                  varchar(32)  not null,
    category                 varchar(100) not null,
    ticket_class             varchar(32)  not null,
    scenario                 varchar(32),
    product                  varchar(100),
    region                   varchar(64),
    language                 varchar(8)   not null,
    impact                   varchar(32)  not null,
    urgency                  varchar(32)  not null,
    priority                 varchar(8)   not null,
    emergency_level          varchar(16),
    summary                  varchar(1024) not null,
    description              text,
    status                   varchar(32)  not null,
    dedup_source             varchar(128),
    dedup_key                varchar(255),
    occurrence_count         integer      not null default 1,
    last_seen_at             timestamptz  not null,
    source_reference         varchar(255),
    previous_ticket_id       varchar(40),
    account_manager_id       varchar(64),
    reasons                  jsonb        not null,
    history                  jsonb        not null,
    opened_at                timestamptz  not null,
    acknowledged_at          timestamptz,
    resolved_at              timestamptz,
    closed_at                timestamptz,
    resolution_code          varchar(32),
    first_contact_resolution boolean,
    version                  bigint       not null default 0
);
create unique index ticket_open_dedup on ticket (dedup_source, dedup_key)
    where dedup_key is not null and status in ('OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'REOPENED');
create index ticket_by_customer on ticket (customer_id, opened_at desc);
create index ticket_by_status on ticket (status, priority, opened_at desc);

--changeset switchboard:intake-1-idempotency-keys
--comment: Idempotency-Key header of ticket creation: the same key with the same body returns the same ticket.
create table idempotency_key (
    idempotency_key varchar(255) primary key,
    request_hash    varchar(64)  not null,
    ticket_id       varchar(40)  not null,
    created_at      timestamptz  not null default now()
);

--changeset switchboard:intake-2-dedup-history
--comment: Finds the latest ticket of a dedup key, open or not, to link a new trigger to it.
create index ticket_by_dedup on ticket (dedup_key, dedup_source, opened_at desc) where dedup_key is not null;
