package io.switchboard.intake.domain;

import io.switchboard.contracts.common.Channel;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClassifierDefaultsTest {

    static Map<String, String> defaultEntries() {
        return new HashMap<>(Map.of(
                "category", "general",
                "channel-categories", "monitoring=technical.monitoring",
                "impact", "MODERATE",
                "urgency", "MEDIUM",
                "tier", "STANDARD",
                "emergency-priority", "P1"));
    }

    @Test
    void parsingTheDefaultEntriesGivesTheDefaults() {
        assertEquals(ClassifierDefaults.defaults(), ClassifierDefaults.parse(defaultEntries()));
    }

    @Test
    void aChannelWithoutItsOwnCategoryGetsTheDefault() {
        ClassifierDefaults defaults = ClassifierDefaults.defaults();
        assertEquals("technical.monitoring", defaults.categoryFor(Channel.MONITORING));
        assertEquals("general", defaults.categoryFor(Channel.PARTNER));
    }

    @Test
    void channelCategoriesAreOptionalAndReadChannelNamesLoosely() {
        Map<String, String> entries = defaultEntries();
        entries.put("channel-categories", "web-console=business.web;Partner=partner.general");
        ClassifierDefaults defaults = ClassifierDefaults.parse(entries);
        assertEquals("business.web", defaults.categoryFor(Channel.WEB_CONSOLE));
        assertEquals("partner.general", defaults.categoryFor(Channel.PARTNER));
        assertEquals("general", defaults.categoryFor(Channel.MONITORING));

        entries.remove("channel-categories");
        assertEquals(Map.of(), ClassifierDefaults.parse(entries).channelCategories());
    }

    @Test
    void aMissingEntryIsNamed() {
        Map<String, String> entries = defaultEntries();
        entries.remove("urgency");
        var error = assertThrows(IllegalArgumentException.class, () -> ClassifierDefaults.parse(entries));
        assertEquals("classifier default 'urgency' is missing", error.getMessage());
    }

    @Test
    void anUnknownEntryIsNamed() {
        Map<String, String> entries = defaultEntries();
        entries.put("severity", "INFO");
        var error = assertThrows(IllegalArgumentException.class, () -> ClassifierDefaults.parse(entries));
        assertEquals("classifier default 'severity': unknown; expected category, channel-categories, impact, urgency, tier, emergency-priority",
                error.getMessage());
    }

    @Test
    void aBadValueIsNamed() {
        Map<String, String> entries = defaultEntries();
        entries.put("tier", "GOLD");
        var error = assertThrows(IllegalArgumentException.class, () -> ClassifierDefaults.parse(entries));
        assertEquals("classifier default 'tier': unknown customer tier 'GOLD'; expected one of STANDARD, ENTERPRISE, VIP, STRATEGIC_PARTNER",
                error.getMessage());
    }

    @Test
    void aBadChannelIsNamed() {
        Map<String, String> entries = defaultEntries();
        entries.put("channel-categories", "fax=general");
        var error = assertThrows(IllegalArgumentException.class, () -> ClassifierDefaults.parse(entries));
        assertEquals("classifier default 'channel-categories': unknown channel 'fax'; expected one of PHONE, WEB_CONSOLE, API, MONITORING, PARTNER",
                error.getMessage());
    }

    @Test
    void aBadCategoryIsNamed() {
        Map<String, String> entries = defaultEntries();
        entries.put("category", "General Questions");
        var error = assertThrows(IllegalArgumentException.class, () -> ClassifierDefaults.parse(entries));
        assertEquals("default category: must be a category code such as technical.ecs: lowercase letters, digits and hyphens in dot-separated parts",
                error.getMessage());
    }
}
