package io.switchboard.escalation.domain;

import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;

import java.time.Instant;

/**
 * What the escalation service knows happened to a ticket, each with the time it happened (never
 * the time it was read) and the id of the event that told us. A ticket's clocks are a function of
 * the set of its facts, so the order and the number of times they arrive change nothing.
 */
public sealed interface TicketFact {

    String eventId();

    Instant at();

    /** Orders facts of the same instant: the ticket opens before anything else happens to it. */
    default int rank() {
        return 5;
    }

    record Opened(String eventId, Instant at, Instant problemStartedAt, String customerId, CustomerTier tier,
                  Priority priority, String category, String product, String region, String customerTimeZone,
                  boolean emergency, EmergencyLevel emergencyLevel, SupportLevel supportLevel, String summary)
            implements TicketFact {
        @Override
        public int rank() {
            return 0;
        }
    }

    /** A change of priority or category re-evaluates the ticket's targets, and records why. */
    record Reclassified(String eventId, Instant at, Priority priority, String category, String product,
                        boolean emergency, EmergencyLevel emergencyLevel, SupportLevel supportLevel,
                        String reason, String by) implements TicketFact {
        @Override
        public int rank() {
            return 1;
        }
    }

    /** {@code human} is false for a monitoring system's acknowledge, which does not answer the customer. */
    record Acknowledged(String eventId, Instant at, String by, boolean human) implements TicketFact {
    }

    /** Waiting on the customer pauses the clocks the policy names; any other status resumes them. */
    record StatusChanged(String eventId, Instant at, boolean waitingOnCustomer) implements TicketFact {
    }

    record ProgressUpdated(String eventId, Instant at, String by) implements TicketFact {
    }

    record Assigned(String eventId, Instant at, String agentId, String skillGroupId, SupportLevel level)
            implements TicketFact {
    }

    /** A supervisor's escalation by hand (the service's own escalations follow from the rules, not from facts). */
    record EscalatedByHand(String eventId, Instant at, SupportLevel toLevel, String reason, String by)
            implements TicketFact {
    }

    record Resolved(String eventId, Instant at, String skillGroupId) implements TicketFact {
        @Override
        public int rank() {
            return 8;
        }
    }

    record Reopened(String eventId, Instant at) implements TicketFact {
        @Override
        public int rank() {
            return 9;
        }
    }

    record Closed(String eventId, Instant at) implements TicketFact {
        @Override
        public int rank() {
            return 10;
        }
    }
}
