package io.switchboard.intake.domain;

import io.switchboard.policy.PolicySpec;
import io.switchboard.contracts.common.Scenario;
import io.switchboard.contracts.common.TicketClass;

import java.util.List;
import java.util.Map;

/**
 * Where one IVR menu option leads. Only the category is required; without a ticket class or scenario the
 * {@link CategoryRules} decide. The label is what the option says to the caller, used in reasons. An option with a
 * handover (key 32: {@code handover=survey}) opens no ticket: the call goes to the satisfaction survey.
 */
public record IvrLeaf(String category, TicketClass ticketClass, Scenario scenario, String product, String skill, String label,
                      String handover) {

    private static final List<String> ATTRIBUTES = List.of("category", "class", "scenario", "product", "skill", "label", "handover");
    /** Where an option can hand the call instead of opening a ticket: {@code survey}, the satisfaction survey (feedback). */
    public static final String SURVEY_HANDOVER = "survey";
    private static final List<String> HANDOVERS = List.of(SURVEY_HANDOVER);

    public IvrLeaf {
        category = CategoryCodes.normalise("category", category);
        Enums.requireKnown(ticketClass, "ticket class");
        Enums.requireKnown(scenario, "scenario");
        product = blankToNull(product);
        skill = blankToNull(skill);
        label = blankToNull(label) == null ? category : label.strip();
        handover = blankToNull(handover);
        if (handover != null && !HANDOVERS.contains(handover)) {
            throw new IllegalArgumentException("unknown handover '" + handover + "', expected one of " + HANDOVERS);
        }
    }

    public IvrLeaf(String category, TicketClass ticketClass, Scenario scenario, String product, String skill, String label) {
        this(category, ticketClass, scenario, product, skill, label, null);
    }

    /** Reads {@code "category=technical.ecs;class=TECHNICAL;scenario=TECHNICAL_SUPPORT;product=ecs;skill=servers;label=cloud servers"}. */
    public static IvrLeaf parse(String entry, String spec) {
        String context = "IVR menu entry '" + entry + "'";
        Map<String, String> attributes = PolicySpec.attributes(spec, ATTRIBUTES, context);
        String ticketClass = attributes.get("class");
        String scenario = attributes.get("scenario");
        try {
            return new IvrLeaf(attributes.get("category"),
                    ticketClass == null ? null : Enums.parse(TicketClass.class, ticketClass, context),
                    scenario == null ? null : Enums.parse(Scenario.class, scenario, context),
                    attributes.get("product"), attributes.get("skill"), attributes.get("label"), attributes.get("handover"));
        } catch (InvalidFieldException e) {
            throw new IllegalArgumentException(context + ": " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
