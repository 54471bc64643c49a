package io.switchboard.intake.domain;

import io.switchboard.contracts.common.Scenario;
import io.switchboard.contracts.common.TicketClass;

/**
 * What a caller's IVR keys selected.
 *
 * @param path        the menu keys as digits, without the language keys (e.g. "21")
 * @param ticketClass null when the category rules decide
 * @param scenario    null when the category rules decide
 * @param product     product area, e.g. "ecs", or null
 * @param skill       skill group hint for routing, or null
 * @param language    ISO 639-1 code chosen with a language key, or null for the line's default language
 * @param emergency   the emergency key was pressed
 * @param fallback    the keys led to no menu option; the category is the menu's fallback and may need re-routing
 * @param reason      why this category, for people
 * @param handover    where the option hands the call instead of opening a ticket ({@link IvrLeaf#SURVEY_HANDOVER}), or null
 */
public record IvrSelection(String path, String category, TicketClass ticketClass, Scenario scenario, String product,
                           String skill, String language, boolean emergency, boolean fallback, String reason, String handover) {

    public IvrSelection(String path, String category, TicketClass ticketClass, Scenario scenario, String product,
                        String skill, String language, boolean emergency, boolean fallback, String reason) {
        this(path, category, ticketClass, scenario, product, skill, language, emergency, fallback, reason, null);
    }

    /** The caller chose the satisfaction survey: the call is answered by the survey, not by a ticket. */
    public boolean toSurvey() {
        return IvrLeaf.SURVEY_HANDOVER.equals(handover);
    }
}
