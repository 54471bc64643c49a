package io.switchboard.intake.domain;

import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.Scenario;
import io.switchboard.contracts.common.TicketClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Category rules and emergency rules, which share the category patterns. */
class CategoryRulesTest {

    static Map<String, String> defaultCategoryEntries() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("technical.*", "class=TECHNICAL;scenario=TECHNICAL_SUPPORT");
        entries.put("billing.*", "class=BILLING");
        entries.put("billing.dispute", "class=BILLING;scenario=BILLING_DISPUTE");
        entries.put("security.*", "class=TECHNICAL;scenario=SECURITY_EMERGENCY");
        entries.put("*", "class=BUSINESS");
        return entries;
    }

    static Map<String, String> defaultEmergencyEntries() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("infrastructure.datacenter", "LEVEL_1");
        entries.put("api.core-unavailable", "LEVEL_2");
        entries.put("security.data-leak", "LEVEL_3");
        entries.put("security.*", "LEVEL_3");
        return entries;
    }

    @ParameterizedTest(name = "{0} -> {1} by {3}")
    @CsvSource(nullValues = "-", value = {
            "technical.ecs, TECHNICAL, TECHNICAL_SUPPORT, technical.*",
            "technical, TECHNICAL, TECHNICAL_SUPPORT, technical.*",
            "technical.ecs.disk, TECHNICAL, TECHNICAL_SUPPORT, technical.*",
            "billing.dispute, BILLING, BILLING_DISPUTE, billing.dispute",
            "billing.invoice, BILLING, -, billing.*",
            "security.data-leak, TECHNICAL, SECURITY_EMERGENCY, security.*",
            "general, BUSINESS, -, *",
            "business.account, BUSINESS, -, *",
            "technicalities, BUSINESS, -, *"})
    void defaultCategoryRules(String category, TicketClass ticketClass, Scenario scenario, String pattern) {
        assertEquals(new CategoryRules.Match(pattern, ticketClass, scenario), CategoryRules.defaults().match(category));
    }

    @Test
    void theLongestFamilyWins() {
        CategoryRules rules = CategoryRules.parse(Map.of(
                "a.*", "class=BUSINESS", "a.b.*", "class=BILLING", "a.b.c.d", "class=TECHNICAL", "*", "class=BUSINESS"));
        assertEquals("a.b.*", rules.match("a.b.c").pattern());
        assertEquals("a.b.c.d", rules.match("a.b.c.d").pattern());
        assertEquals("a.b.*", rules.match("a.b.c.d.e").pattern());
        assertEquals("a.*", rules.match("a.x").pattern());
    }

    @Test
    void parsingTheDefaultCategoryEntriesGivesTheDefaults() {
        assertEquals(CategoryRules.defaults().rules(), CategoryRules.parse(defaultCategoryEntries()).rules());
    }

    @Test
    void parsingIgnoresCase() {
        CategoryRules rules = CategoryRules.parse(Map.of("Technical.*", "CLASS=technical; Scenario=technical-support", "*", "class=business"));
        assertEquals(new CategoryRules.Match("technical.*", TicketClass.TECHNICAL, Scenario.TECHNICAL_SUPPORT), rules.match("technical.ecs"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tech* | class=TECHNICAL | category rule 'tech*': 'tech*' is not a category pattern; expected a code (technical.ecs), a family (technical.*) or *",
            "technical.* | scenario=TECHNICAL_SUPPORT | category rule 'technical.*': needs class=TECHNICAL, BUSINESS or BILLING",
            "technical.* | klass=TECHNICAL | category rule 'technical.*': unknown attribute 'klass'; expected class, scenario",
            "technical.* | class=HARDWARE | category rule 'technical.*': unknown ticket class 'HARDWARE'; expected one of TECHNICAL, BUSINESS, BILLING"})
    void aBadCategoryRuleIsNamed(String pattern, String spec, String message) {
        Map<String, String> entries = defaultCategoryEntries();
        entries.put(pattern, spec);
        var error = assertThrows(IllegalArgumentException.class, () -> CategoryRules.parse(entries));
        assertEquals(message, error.getMessage());
    }

    @Test
    void categoryRulesNeedACatchAll() {
        Map<String, String> entries = defaultCategoryEntries();
        entries.remove("*");
        var error = assertThrows(IllegalArgumentException.class, () -> CategoryRules.parse(entries));
        assertEquals("category rules need a '*' rule for categories that no other rule matches", error.getMessage());
    }

    @Test
    void theSamePatternTwiceIsRefused() {
        Map<String, String> entries = defaultCategoryEntries();
        entries.put("Billing.*", "class=BUSINESS");
        var error = assertThrows(IllegalArgumentException.class, () -> CategoryRules.parse(entries));
        assertEquals("category rule 'Billing.*': is given twice", error.getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1} by {2}")
    @CsvSource({
            "infrastructure.datacenter, LEVEL_1, infrastructure.datacenter",
            "api.core-unavailable, LEVEL_2, api.core-unavailable",
            "security.data-leak, LEVEL_3, security.data-leak",
            "security.intrusion, LEVEL_3, security.*",
            "security, LEVEL_3, security.*"})
    void defaultEmergencyRules(String category, EmergencyLevel level, String pattern) {
        assertEquals(Optional.of(new EmergencyRules.Match(pattern, level)), EmergencyRules.defaults().match(category));
    }

    @Test
    void mostCategoriesAreNoEmergency() {
        assertEquals(Optional.empty(), EmergencyRules.defaults().match("technical.ecs"));
        assertEquals(Optional.empty(), EmergencyRules.defaults().match("infrastructure.datacenter-tour"));
        assertEquals(Optional.empty(), EmergencyRules.defaults().match("api"));
    }

    @Test
    void parsingTheDefaultEmergencyEntriesGivesTheDefaults() {
        assertEquals(EmergencyRules.defaults().levels(), EmergencyRules.parse(defaultEmergencyEntries()).levels());
    }

    @Test
    void aBadEmergencyLevelIsNamed() {
        var error = assertThrows(IllegalArgumentException.class, () -> EmergencyRules.parse(Map.of("api.core-unavailable", "LEVEL_4")));
        assertEquals("emergency rule 'api.core-unavailable': unknown emergency level 'LEVEL_4'; expected one of LEVEL_1, LEVEL_2, LEVEL_3",
                error.getMessage());
    }

    @Test
    void notEveryTicketCanBeAnEmergency() {
        var error = assertThrows(IllegalArgumentException.class, () -> EmergencyRules.parse(Map.of("*", "LEVEL_3")));
        assertEquals("emergency rule '*': would make every ticket an emergency", error.getMessage());
    }

    @Test
    void noEmergencyRulesAtAllIsAllowed() {
        assertEquals(Optional.empty(), EmergencyRules.parse(Map.of()).match("security.data-leak"));
    }
}
