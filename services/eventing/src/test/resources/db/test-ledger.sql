--liquibase formatted sql

--changeset switchboard-test:ledger-1
--comment: One row per applied effect; the tests count rows to see whether an effect happened once.
create table ledger_entry (
    id         bigint generated always as identity primary key,
    subject    varchar(512) not null,
    event_id   varchar(64)  not null,
    created_at timestamptz  not null default now()
);
