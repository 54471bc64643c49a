--liquibase formatted sql

--changeset switchboard:intake-4-major-incident
--comment: The major incident the escalation service declared on a ticket, if any (closing keeps such a ticket 5 years).
alter table ticket add column major_incident_id varchar(64);
