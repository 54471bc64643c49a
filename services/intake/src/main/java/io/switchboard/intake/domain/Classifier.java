package io.switchboard.intake.domain;

import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.Scenario;
import io.switchboard.contracts.common.TicketClass;
import io.switchboard.contracts.common.Urgency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Classifies new work from what its channel knows, explaining every decision.
 *
 * <ul>
 * <li>Category: the request's, else the IVR's, else the channel's default.</li>
 * <li>Ticket class and scenario: the IVR option's when the category came from the IVR and it says, else the
 * {@link CategoryRules}.</li>
 * <li>Impact and urgency, each on its own: as given, else from the monitoring severity, else the defaults.
 * Priority: from the {@link PriorityMatrix}; an emergency always gets the emergency priority. The customer tier
 * does not change priority (it drives SLA and routing).</li>
 * <li>Emergency: flagged by the channel, the IVR emergency key, or a category that an {@link EmergencyRules} rule
 * matches, which also gives the emergency class.</li>
 * </ul>
 */
public final class Classifier {

    private final PriorityMatrix matrix;
    private final SeverityMapping severities;
    private final CategoryRules categories;
    private final EmergencyRules emergencies;
    private final ClassifierDefaults defaults;

    public Classifier(PriorityMatrix matrix, SeverityMapping severities, CategoryRules categories,
                      EmergencyRules emergencies, ClassifierDefaults defaults) {
        this.matrix = Objects.requireNonNull(matrix, "matrix");
        this.severities = Objects.requireNonNull(severities, "severities");
        this.categories = Objects.requireNonNull(categories, "categories");
        this.emergencies = Objects.requireNonNull(emergencies, "emergencies");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    public static Classifier defaults() {
        return new Classifier(PriorityMatrix.defaults(), SeverityMapping.defaults(), CategoryRules.defaults(),
                EmergencyRules.defaults(), ClassifierDefaults.defaults());
    }

    public Classification classify(IntakeFacts facts) {
        IvrSelection ivr = facts.category() == null ? facts.ivr() : null;
        Decision<String> category = category(facts, ivr);
        CategoryRules.Match rule = categories.match(category.value());
        Decision<TicketClass> ticketClass = ivr != null && ivr.ticketClass() != null
                ? new Decision<>(ivr.ticketClass(), ivr.ticketClass() + " from the IVR menu ("
                        + (ivr.emergency() ? "emergency key" : "path " + ivr.path()) + ")")
                : new Decision<>(rule.ticketClass(), rule.ticketClass() + " from category " + category.value()
                        + " (rule " + rule.pattern() + ")");
        Scenario scenario = ivr != null && ivr.scenario() != null ? ivr.scenario() : rule.scenario();

        SeverityMapping.Assessment assessment = facts.severity() == null ? null : severities.of(facts.severity());
        String bySeverity = "severity " + facts.severity();
        Decision<Impact> impact = facts.impact() != null ? new Decision<>(facts.impact(), "given")
                : assessment != null ? new Decision<>(assessment.impact(), bySeverity)
                : new Decision<>(defaults.impact(), "default");
        Decision<Urgency> urgency = facts.urgency() != null ? new Decision<>(facts.urgency(), "given")
                : assessment != null ? new Decision<>(assessment.urgency(), bySeverity)
                : new Decision<>(defaults.urgency(), "default");

        List<String> flags = new ArrayList<>();
        if (facts.emergency()) {
            flags.add("flagged by the " + facts.channel() + " channel");
        }
        if (facts.ivr() != null && facts.ivr().emergency()) {
            flags.add("IVR emergency key");
        }
        Optional<EmergencyRules.Match> emergencyRule = emergencies.match(category.value());
        if (facts.emergencyLevel() != null) {
            // A person's class wins over the rules.
            emergencyRule = Optional.of(new EmergencyRules.Match("given", facts.emergencyLevel()));
        }
        boolean emergency = !flags.isEmpty() || emergencyRule.isPresent();

        Decision<Priority> priority = priority(impact, urgency, emergency);
        Decision<CustomerTier> tier = tier(facts);

        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put(Classification.CATEGORY, category.reason());
        reasons.put(Classification.TICKET_CLASS, ticketClass.reason() + (scenario == null ? "" : ", scenario " + scenario));
        reasons.put(Classification.PRIORITY, priority.reason());
        reasons.put(Classification.TIER, tier.reason());
        reasons.put(Classification.EMERGENCY, emergencyReason(category.value(), flags, emergencyRule));
        return new Classification(category.value(), ticketClass.value(), scenario, impact.value(), urgency.value(),
                priority.value(), tier.value(), emergency, emergencyRule.map(EmergencyRules.Match::level).orElse(null), reasons);
    }

    /** A decision and why; for impact and urgency the reason is just where the value came from. */
    private record Decision<T>(T value, String reason) {
    }

    private Decision<String> category(IntakeFacts facts, IvrSelection ivr) {
        if (facts.category() != null) {
            return new Decision<>(facts.category(), facts.category() + " from "
                    + (facts.categorySource() == null ? "the request" : facts.categorySource()));
        }
        if (ivr != null) {
            return new Decision<>(ivr.category(), ivr.reason());
        }
        String category = defaults.categoryFor(facts.channel());
        return new Decision<>(category, category + ": default for channel " + facts.channel());
    }

    private Decision<Priority> priority(Decision<Impact> impact, Decision<Urgency> urgency, boolean emergency) {
        Priority fromMatrix = matrix.priorityOf(impact.value(), urgency.value());
        String assessed = String.format("impact %s (%s) x urgency %s (%s)",
                impact.value(), impact.reason(), urgency.value(), urgency.reason());
        if (emergency) {
            Priority priority = defaults.emergencyPriority();
            return new Decision<>(priority, priority + " for an emergency; the priority matrix gives " + fromMatrix + " for " + assessed);
        }
        return new Decision<>(fromMatrix, fromMatrix + " from " + assessed + " in the priority matrix");
    }

    private Decision<CustomerTier> tier(IntakeFacts facts) {
        CustomerTier tier = facts.tier() != null ? facts.tier() : defaults.tier();
        if (facts.tierReason() != null) {
            return new Decision<>(tier, facts.tierReason());
        }
        return new Decision<>(tier, facts.tier() != null ? tier + ": the customer's tier" : tier + ": unknown customer, default tier");
    }

    private static String emergencyReason(String category, List<String> flags, Optional<EmergencyRules.Match> rule) {
        String flagged = String.join(", ", flags);
        if (rule.isPresent() && "given".equals(rule.get().pattern())) {
            return rule.get().level() + " as given" + (flags.isEmpty() ? "" : "; also " + flagged);
        }
        if (rule.isPresent()) {
            return rule.get().level() + " from category " + category + " (emergency rule " + rule.get().pattern() + ")"
                    + (flags.isEmpty() ? "" : "; also " + flagged);
        }
        if (!flags.isEmpty()) {
            return "emergency without a level (" + flagged + "): no emergency rule for category " + category;
        }
        return "not an emergency: not flagged and no emergency rule for category " + category;
    }
}
