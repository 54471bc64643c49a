package io.switchboard.escalation.clock;

import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.sla.EscalationReason;
import io.switchboard.contracts.sla.SlaBreached;
import io.switchboard.contracts.sla.SlaClockOutcome;
import io.switchboard.contracts.sla.SlaClockStarted;
import io.switchboard.contracts.sla.SlaClockStopped;
import io.switchboard.contracts.sla.SlaTarget;
import io.switchboard.contracts.sla.SlaTimeBasis;
import io.switchboard.contracts.sla.SlaWarning;
import io.switchboard.contracts.sla.TicketEscalated;
import io.switchboard.escalation.domain.Metric;
import io.switchboard.escalation.domain.Notice;
import io.switchboard.escalation.domain.SlaClock;
import io.switchboard.escalation.domain.TicketSla;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.time.Instant;

/** A ticket's notices as the events of {@code support.sla.v1}. */
final class SlaEvents {

    static SpecificRecord of(String ticketId, Notice notice, TicketSla sla, Instant now) {
        SlaClock clock = notice.clock();
        Priority priority = Priority.valueOf(sla.bindings().get(sla.bindings().size() - 1).priority());
        return switch (notice.kind()) {
            case CLOCK_STARTED -> SlaClockStarted.newBuilder().setTicketId(ticketId).setCustomerId(sla.opened().customerId())
                    .setPolicyId(clock.policyId()).setPolicyVersion(clock.policyVersion()).setTarget(target(clock.metric()))
                    .setPriority(priority).setCustomerTier(sla.opened().tier()).setTimeBasis(SlaTimeBasis.valueOf(clock.basis().name()))
                    .setCalendarId(clock.calendarId()).setTargetSeconds(clock.target().toSeconds()).setStartedAt(clock.startedAt())
                    .setDueAt(clock.dueAt() != null ? clock.dueAt() : sla.terms().calendar().plus(clock.startedAt(), clock.target()))
                    .build();
            case WARNING -> SlaWarning.newBuilder().setTicketId(ticketId).setCustomerId(sla.opened().customerId())
                    .setPolicyId(clock.policyId()).setPolicyVersion(clock.policyVersion()).setTarget(target(clock.metric()))
                    .setPriority(priority).setCustomerTier(sla.opened().tier())
                    .setDueAt(clock.dueAt() != null ? clock.dueAt() : notice.at()).setThresholdPercent(notice.percent())
                    .setWarnedAt(now).build();
            case BREACHED -> SlaBreached.newBuilder().setTicketId(ticketId).setCustomerId(sla.opened().customerId())
                    .setPolicyId(clock.policyId()).setPolicyVersion(clock.policyVersion()).setTarget(target(clock.metric()))
                    .setPriority(priority).setCustomerTier(sla.opened().tier()).setCategory(sla.bindings().get(sla.bindings().size() - 1).category())
                    .setProduct(sla.opened().product()).setRegion(sla.opened().region())
                    .setTargetSeconds(clock.target().toSeconds())
                    .setActualSeconds(max(clock.used(), clock.target()).toSeconds())
                    .setDueAt(notice.at()).setBreachedAt(now).build();
            case CLOCK_STOPPED -> SlaClockStopped.newBuilder().setTicketId(ticketId).setCustomerId(sla.opened().customerId())
                    .setPolicyId(clock.policyId()).setPolicyVersion(clock.policyVersion()).setTarget(target(clock.metric()))
                    .setPriority(priority).setCustomerTier(sla.opened().tier()).setSkillGroupId(sla.skillGroupId())
                    .setOutcome(SlaClockOutcome.valueOf(clock.state().name())).setTargetSeconds(clock.target().toSeconds())
                    .setElapsedSeconds(clock.used().toSeconds()).setStoppedAt(clock.stoppedAt()).build();
            case ESCALATED -> TicketEscalated.newBuilder().setTicketId(ticketId).setFromLevel(notice.fromLevel())
                    .setToLevel(notice.toLevel()).setReason(EscalationReason.valueOf(notice.reason().name()))
                    .setEscalatedBy(notice.by()).setEscalatedAt(notice.at()).build();
            case MAJOR_INCIDENT -> throw new IllegalArgumentException("a major incident is declared by MajorIncidents");
        };
    }

    static SlaTarget target(Metric metric) {
        return switch (metric) {
            case FIRST_RESPONSE -> SlaTarget.FIRST_RESPONSE;
            case NEXT_UPDATE -> SlaTarget.PROGRESS_UPDATE;
            case RESOLUTION -> SlaTarget.RESOLUTION;
            case EXPERT_JOIN -> SlaTarget.EXPERT_JOIN;
            case L1_BUDGET -> throw new IllegalArgumentException("the level-1 budget is not published as an SLA target");
        };
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private SlaEvents() {
    }
}
