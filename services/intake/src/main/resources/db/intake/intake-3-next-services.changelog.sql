--liquibase formatted sql

--changeset switchboard:intake-3-ticket-facts-for-next-services
--comment: What routing, escalation and feedback need on a ticket: the emergency flag apart from its class, the initial support level, the skill asked for, when the problem started, the customer's time zone, and a monitoring acknowledgement kept apart from an agent's first response.
alter table ticket add column emergency boolean not null default false;
update ticket set emergency = true where emergency_level is not null;
alter table ticket add column support_level varchar(8);
alter table ticket add column skill varchar(64);
alter table ticket add column problem_started_at timestamptz;
alter table ticket add column customer_time_zone varchar(64);
alter table ticket add column monitoring_acknowledged_at timestamptz;

--changeset switchboard:intake-3-customer-time-zone
--comment: The customer's IANA time zone, when known (validated by the API).
alter table customer add column time_zone varchar(64);

--changeset switchboard:intake-3-unknown-callers
--comment: An unknown caller's number stays here; tickets and events carry only the opaque id.
create table unknown_caller (
    id           varchar(64) primary key,
    phone_number varchar(32) not null unique,
    first_seen_at timestamptz not null
);
