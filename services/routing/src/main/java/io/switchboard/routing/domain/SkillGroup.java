package io.switchboard.routing.domain;

import io.switchboard.calendar.BusinessCalendar;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.SupportLevel;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A skill group: the agents of one centre who serve one product area, in some languages, at one
 * support level and certification, for some customer tiers, within opening hours. The emergency
 * group takes L3 work and the emergency classes at any hour.
 *
 * @param products empty: every product of the skill
 * @param tiers    empty: every tier
 * @param hours    opening hours in the centre's zone
 */
public record SkillGroup(String id, String name, String skill, Set<String> products, Set<String> languages,
                         Certification certification, SupportLevel level, Set<CustomerTier> tiers, Centre centre,
                         BusinessCalendar hours, AgentStrategy strategy, boolean emergency) {

    public SkillGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(skill, "skill");
        Objects.requireNonNull(certification, "certification");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(centre, "centre");
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(strategy, "strategy");
        products = Set.copyOf(products);
        languages = Set.copyOf(languages);
        tiers = Set.copyOf(tiers);
    }

    public boolean isOpen(Instant t) {
        return hours.isOpen(t);
    }

    public boolean serves(CustomerTier tier) {
        return tiers.isEmpty() || tiers.contains(tier);
    }
}
