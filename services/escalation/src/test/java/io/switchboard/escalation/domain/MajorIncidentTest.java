package io.switchboard.escalation.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hourly updates until every linked ticket is resolved; the compensation review once impact passes 4 h. */
class MajorIncidentTest {

    static final Instant DECLARED = Instant.parse("2026-12-01T10:00:00Z");

    static MajorIncident incident(int sent, boolean reviewed, Instant... resolved) {
        return new MajorIncident("MI-1", DECLARED, DECLARED.minus(Duration.ofMinutes(30)), Duration.ofHours(1), Duration.ofHours(4),
                List.of(new MajorIncident.Linked("T-1", "c-1", resolved.length > 0 ? resolved[0] : null),
                        new MajorIncident.Linked("T-2", "c-2", resolved.length > 1 ? resolved[1] : null)), sent, reviewed);
    }

    @Test
    void anUpdateIsDueEveryHourWhileAnyTicketIsOpen() {
        assertEquals(Optional.empty(), incident(0, false).updateDue(DECLARED.plusSeconds(3599)));
        assertEquals(Optional.of(1), incident(0, false).updateDue(DECLARED.plusSeconds(3600)));
        assertEquals(Optional.of(3), incident(0, false).updateDue(DECLARED.plusSeconds(3 * 3600 + 5)), "after an outage, the latest only");
        assertEquals(DECLARED.plusSeconds(7200), incident(1, false).nextDueAt(DECLARED.plusSeconds(3601), 1, false));
    }

    @Test
    void noUpdatesAfterTheLastTicketIsResolved() {
        MajorIncident resolved = incident(1, false, DECLARED.plusSeconds(4000), DECLARED.plusSeconds(5000));
        assertEquals(Optional.empty(), resolved.updateDue(DECLARED.plusSeconds(7300)));
        assertNull(resolved.nextDueAt(DECLARED.plusSeconds(7300), 1, false));
        assertEquals(Optional.of(2), incident(1, false, DECLARED.plusSeconds(4000)).updateDue(DECLARED.plusSeconds(7300)), "one ticket still open");
    }

    @Test
    void theCompensationReviewFallsDueWhenImpactPassesFourHours() {
        Instant review = DECLARED.plus(Duration.ofMinutes(210)); // impact began 30 min before the declaration
        assertEquals(review, incident(0, false).reviewTime());
        assertFalse(incident(0, false).reviewDue(review.minusSeconds(1)));
        assertTrue(incident(0, false).reviewDue(review));
        assertFalse(incident(0, true).reviewDue(review), "once");
        assertFalse(incident(3, false, DECLARED.plusSeconds(60), DECLARED.plusSeconds(120)).reviewDue(review), "resolved within 4 h");
        assertEquals(review, incident(3, false).nextDueAt(DECLARED.plus(Duration.ofMinutes(181)), 3, false));
    }
}
