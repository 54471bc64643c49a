package io.switchboard.intake.domain;

import io.switchboard.policy.PolicySpec;
import io.switchboard.contracts.common.Scenario;
import io.switchboard.contracts.common.TicketClass;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ticket class and scenario that a category implies, by category pattern (see {@link CategoryCodes}).
 * A {@code *} rule is required so that every category gets a class.
 */
public final class CategoryRules {

    public record Rule(TicketClass ticketClass, Scenario scenario) {
        public Rule {
            if (ticketClass == null) {
                throw new IllegalArgumentException("a category rule needs a ticket class");
            }
            Enums.requireKnown(ticketClass, "ticket class");
            Enums.requireKnown(scenario, "scenario");
        }
    }

    /** The rule that applied, with the pattern that matched. */
    public record Match(String pattern, TicketClass ticketClass, Scenario scenario) {
    }

    private static final List<String> ATTRIBUTES = List.of("class", "scenario");

    private final CategoryPatterns<Rule> table;

    public CategoryRules(Map<String, Rule> rules) {
        this.table = new CategoryPatterns<>(rules, "category rule");
        if (!table.asMap().containsKey(CategoryCodes.ANY)) {
            throw new IllegalArgumentException("category rules need a '*' rule for categories that no other rule matches");
        }
    }

    /** The rules of domain.md ({@code default-policies.properties}). */
    public static CategoryRules defaults() {
        return parse(DefaultPolicies.section("categories"));
    }

    /** Reads entries {@code pattern -> "class=TECHNICAL;scenario=TECHNICAL_SUPPORT"}; the scenario is optional. */
    public static CategoryRules parse(Map<String, String> entries) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        entries.forEach((pattern, spec) -> {
            String context = "category rule '" + pattern + "'";
            Map<String, String> attributes = PolicySpec.attributes(spec, ATTRIBUTES, context);
            if (!attributes.containsKey("class")) {
                throw new IllegalArgumentException(context + ": needs class=TECHNICAL, BUSINESS or BILLING");
            }
            String scenario = attributes.get("scenario");
            rules.put(pattern, new Rule(Enums.parse(TicketClass.class, attributes.get("class"), context),
                    scenario == null ? null : Enums.parse(Scenario.class, scenario, context)));
        });
        return new CategoryRules(rules);
    }

    public Map<String, Rule> rules() {
        return table.asMap();
    }

    public Match match(String category) {
        var match = table.match(category).orElseThrow();
        return new Match(match.pattern(), match.value().ticketClass(), match.value().scenario());
    }
}
