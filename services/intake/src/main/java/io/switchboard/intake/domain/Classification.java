package io.switchboard.intake.domain;

import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.Scenario;
import io.switchboard.contracts.common.TicketClass;
import io.switchboard.contracts.common.Urgency;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How new work is classified, with a reason for each decision under the keys {@link #CATEGORY}, {@link #TICKET_CLASS},
 * {@link #PRIORITY}, {@link #TIER} and {@link #EMERGENCY}, in that order.
 *
 * @param scenario       null when nothing tells it
 * @param emergency      the ticket is an emergency (its priority was forced)
 * @param emergencyLevel the emergency class; null when not an emergency, or an emergency nobody could class yet
 */
public record Classification(String category, TicketClass ticketClass, Scenario scenario, Impact impact, Urgency urgency,
                             Priority priority, CustomerTier tier, boolean emergency, EmergencyLevel emergencyLevel,
                             Map<String, String> reasons) {

    public static final String CATEGORY = "category";
    public static final String TICKET_CLASS = "ticketClass";
    public static final String PRIORITY = "priority";
    public static final String TIER = "tier";
    public static final String EMERGENCY = "emergency";

    public Classification {
        reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
    }
}
