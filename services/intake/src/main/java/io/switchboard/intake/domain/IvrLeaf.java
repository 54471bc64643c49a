package io.switchboard.intake.domain;

import io.switchboard.contracts.common.Scenario;
import io.switchboard.contracts.common.TicketClass;

import java.util.List;
import java.util.Map;

/**
 * Where one IVR menu option leads. Only the category is required; without a ticket class or scenario the
 * {@link CategoryRules} decide. The label is what the option says to the caller, used in reasons.
 */
public record IvrLeaf(String category, TicketClass ticketClass, Scenario scenario, String product, String skill, String label) {

    private static final List<String> ATTRIBUTES = List.of("category", "class", "scenario", "product", "skill", "label");

    public IvrLeaf {
        category = CategoryCodes.normalise("category", category);
        Enums.requireKnown(ticketClass, "ticket class");
        Enums.requireKnown(scenario, "scenario");
        product = blankToNull(product);
        skill = blankToNull(skill);
        label = blankToNull(label) == null ? category : label.strip();
    }

    /** Reads {@code "category=technical.ecs;class=TECHNICAL;scenario=TECHNICAL_SUPPORT;product=ecs;skill=servers;label=cloud servers"}. */
    public static IvrLeaf parse(String entry, String spec) {
        String context = "IVR menu entry '" + entry + "'";
        Map<String, String> attributes = Specs.attributes(spec, ATTRIBUTES, context);
        String ticketClass = attributes.get("class");
        String scenario = attributes.get("scenario");
        try {
            return new IvrLeaf(attributes.get("category"),
                    ticketClass == null ? null : Enums.parse(TicketClass.class, ticketClass, context),
                    scenario == null ? null : Enums.parse(Scenario.class, scenario, context),
                    attributes.get("product"), attributes.get("skill"), attributes.get("label"));
        } catch (InvalidFieldException e) {
            throw new IllegalArgumentException(context + ": " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
