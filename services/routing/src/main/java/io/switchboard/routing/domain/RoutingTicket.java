package io.switchboard.routing.domain;

import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What routing knows of a ticket, from intake's events and escalations.
 *
 * @param skill           the skill its IVR leaf or category asks for, when intake named one
 * @param level           the support level it is at (intake's, or an escalation's)
 * @param declinedBy      agents who declined it; they are not asked again
 */
public record RoutingTicket(String id, String customerId, CustomerTier tier, String language, String skill,
                            String category, String product, Priority priority, boolean emergency,
                            EmergencyLevel emergencyLevel, SupportLevel level, String accountManagerId,
                            String region, String customerTimeZone, Instant openedAt, Set<String> declinedBy) {

    public RoutingTicket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(openedAt, "openedAt");
        declinedBy = declinedBy == null ? Set.of() : Set.copyOf(declinedBy);
    }
}
