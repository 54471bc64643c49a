--liquibase formatted sql
-- Tables of the shared eventing library. Every PostgreSQL-backed service includes this file
-- first in its db/changelog.xml.

--changeset switchboard:eventing-1-outbox
--comment: Events written in the same transaction as the state change that caused them; the relay sends rows in id order and deletes them once Kafka has acknowledged them.
create table outbox_event (
    id          bigint generated always as identity primary key,
    event_id    varchar(64)  not null,
    topic       varchar(249) not null,
    record_key  varchar(512) not null,
    event_type  varchar(255) not null,
    subject     varchar(512) not null,
    occurred_at timestamptz  not null,
    producer    varchar(64)  not null,
    payload     bytea        not null,
    created_at  timestamptz  not null default now()
);

--changeset switchboard:eventing-1-processed-events
--comment: Event ids a consumer group has already applied, written in the same transaction as the effect.
create table processed_event (
    consumer_group varchar(255) not null,
    event_id       varchar(64)  not null,
    processed_at   timestamptz  not null default now(),
    primary key (consumer_group, event_id)
);

--changeset switchboard:eventing-2-outbox-parking
--comment: A row Kafka refuses for good (too large, missing topic, cannot be serialized) is parked with its error instead of stalling the relay; later rows with the same topic and key wait behind it until an operator releases it (docs/operations.md).
alter table outbox_event add column parked_at timestamptz;
alter table outbox_event add column park_reason text;
create index outbox_event_parked on outbox_event (topic, record_key, id) where parked_at is not null;

--changeset switchboard:eventing-3-outbox-vacuum
--comment: Every outbox row is deleted seconds after its insert, so the table is mostly dead rows between vacuums: with the defaults (20% of the table, throttled) a burst left 50,000-70,000 dead rows for the relay's reads to step over. Vacuumed after a fixed number of dead rows, unthrottled (the live table is small, so a vacuum is short).
alter table outbox_event set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
    autovacuum_vacuum_cost_delay = 0);
