package io.switchboard.intake.domain;

import io.switchboard.contracts.common.Scenario;
import io.switchboard.contracts.common.TicketClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IvrMenuTest {

    private final IvrMenu menu = IvrMenu.defaults();

    /** The default menu as application.properties entries would give it. */
    static Map<String, String> defaultEntries() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("11", "category=business.account;class=BUSINESS;skill=accounts;label=account");
        entries.put("12", "category=business.product-usage;class=BUSINESS;scenario=PRE_SALES;label=product usage");
        entries.put("13", "category=business.developer-support;class=BUSINESS;scenario=TECHNICAL_SUPPORT;label=developer support");
        entries.put("14", "category=business.repair;class=BUSINESS;label=repair");
        entries.put("21", "category=technical.ecs;class=TECHNICAL;scenario=TECHNICAL_SUPPORT;product=ecs;skill=servers;label=cloud servers (ECS)");
        entries.put("22", "category=technical.storage;class=TECHNICAL;scenario=TECHNICAL_SUPPORT;product=storage;skill=storage;label=storage");
        entries.put("23", "category=technical.network-security;class=TECHNICAL;scenario=TECHNICAL_SUPPORT;product=network-security;skill=network-security;label=network security");
        entries.put("24", "category=technical.data-migration;class=TECHNICAL;scenario=TECHNICAL_SUPPORT;product=migration;skill=migration;label=data migration");
        entries.put("25", "category=technical.databases;class=TECHNICAL;scenario=TECHNICAL_SUPPORT;product=databases;skill=databases;label=databases");
        entries.put("31", "category=billing.dispute;class=BILLING;scenario=BILLING_DISPUTE;skill=billing;label=disputes");
        entries.put("32", "category=service.satisfaction-survey;class=BUSINESS;label=satisfaction survey;handover=survey");
        entries.put("33", "category=service.knowledge-base;class=BUSINESS;label=knowledge-base query");
        entries.put("languages", "5=ja;9=ar");
        entries.put("emergency-key", "0");
        entries.put("emergency", "category=emergency;class=TECHNICAL;label=emergency key");
        entries.put("fallback", "category=general;label=general");
        return entries;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "-", value = {
            "11, business.account, BUSINESS, -, -, accounts",
            "12, business.product-usage, BUSINESS, PRE_SALES, -, -",
            "13, business.developer-support, BUSINESS, TECHNICAL_SUPPORT, -, -",
            "14, business.repair, BUSINESS, -, -, -",
            "21, technical.ecs, TECHNICAL, TECHNICAL_SUPPORT, ecs, servers",
            "22, technical.storage, TECHNICAL, TECHNICAL_SUPPORT, storage, storage",
            "23, technical.network-security, TECHNICAL, TECHNICAL_SUPPORT, network-security, network-security",
            "24, technical.data-migration, TECHNICAL, TECHNICAL_SUPPORT, migration, migration",
            "25, technical.databases, TECHNICAL, TECHNICAL_SUPPORT, databases, databases",
            "31, billing.dispute, BILLING, BILLING_DISPUTE, -, billing",
            "32, service.satisfaction-survey, BUSINESS, -, -, -",
            "33, service.knowledge-base, BUSINESS, -, -, -"})
    void defaultTree(String keys, String category, TicketClass ticketClass, Scenario scenario, String product, String skill) {
        IvrSelection selection = menu.resolve(keys);
        assertEquals(keys, selection.path());
        assertEquals(category, selection.category());
        assertEquals(ticketClass, selection.ticketClass());
        assertEquals(scenario, selection.scenario());
        assertEquals(product, selection.product());
        assertEquals(skill, selection.skill());
        assertNull(selection.language());
        assertFalse(selection.emergency());
        assertFalse(selection.fallback());
        assertTrue(selection.reason().startsWith(category + " from IVR path " + keys + " ("), selection.reason());
    }

    @Test
    void aLeafIsExplainedWithItsLabel() {
        assertEquals("technical.ecs from IVR path 21 (cloud servers (ECS))", menu.resolve("21").reason());
        assertEquals("billing.dispute from IVR path 31 (disputes)", menu.resolve("31").reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"21", "2-1", "2 1", "2,1", " 2 - 1 ", "2--1", "2, 1"})
    void separatorsBetweenKeysAreIgnored(String keys) {
        IvrSelection selection = menu.resolve(keys);
        assertEquals("21", selection.path());
        assertEquals("technical.ecs", selection.category());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2a1 | ivrPath: has 'a' at position 2; only the keys 0-9 are allowed, optionally separated by '-', ',' or spaces",
            "2#1 | ivrPath: has '#' at position 2; only the keys 0-9 are allowed, optionally separated by '-', ',' or spaces",
            "*   | ivrPath: has '*' at position 1; only the keys 0-9 are allowed, optionally separated by '-', ',' or spaces",
            "2.1 | ivrPath: has '.' at position 2; only the keys 0-9 are allowed, optionally separated by '-', ',' or spaces",
            "２1 | ivrPath: has '２' at position 1; only the keys 0-9 are allowed, optionally separated by '-', ',' or spaces"})
    void anythingButKeysIsRefused(String keys, String message) {
        var error = assertThrows(InvalidFieldException.class, () -> menu.resolve(keys));
        assertEquals("ivrPath", error.field());
        assertEquals(message, error.getMessage());
    }

    @Test
    void controlCharactersAreShownByCodePoint() {
        var error = assertThrows(InvalidFieldException.class, () -> menu.resolve("2\n1"));
        assertEquals("has U+000A at position 2; only the keys 0-9 are allowed, optionally separated by '-', ',' or spaces",
                error.problem());
    }

    @Test
    void tooManyKeysAreRefused() {
        var error = assertThrows(InvalidFieldException.class, () -> menu.resolve("1".repeat(IvrMenu.MAX_KEYS + 1)));
        assertEquals("ivrPath: has more than 32 keys", error.getMessage());
    }

    @Test
    void anIncompletePathFallsBackAndSaysWhichOptionsFollow() {
        IvrSelection selection = menu.resolve("2");
        assertTrue(selection.fallback());
        assertEquals("general", selection.category());
        assertNull(selection.ticketClass());
        assertEquals("general: IVR path 2 is incomplete (options 21, 22, 23, 24, 25)", selection.reason());
    }

    @Test
    void anUnknownPathFallsBack() {
        IvrSelection selection = menu.resolve("29");
        assertTrue(selection.fallback());
        assertEquals("general", selection.category());
        assertEquals("29", selection.path());
        assertEquals("general: IVR path 29 is not in the menu", selection.reason());
    }

    @Test
    void aPathLongerThanAnOptionFallsBack() {
        assertEquals("general: IVR path 211 is not in the menu", menu.resolve("211").reason());
    }

    @ParameterizedTest
    @CsvSource(value = {"''", "' '", "'-'"})
    void noKeysFallBack(String keys) {
        IvrSelection selection = menu.resolve(keys);
        assertTrue(selection.fallback());
        assertEquals("general: no IVR menu keys pressed", selection.reason());
    }

    @Test
    void noPathAtAllFallsBack() {
        assertEquals("general: no IVR menu keys pressed", menu.resolve(null).reason());
    }

    @Test
    void aLeadingLanguageKeyChoosesTheLanguageAndTheRestIsTheMenuPath() {
        IvrSelection selection = menu.resolve("521");
        assertEquals("ja", selection.language());
        assertEquals("21", selection.path());
        assertEquals("technical.ecs", selection.category());
        assertFalse(selection.fallback());
        assertEquals("technical.ecs from IVR path 21 (cloud servers (ECS)); language ja", selection.reason());
    }

    @Test
    void arabicWithSeparators() {
        IvrSelection selection = menu.resolve("9-3-1");
        assertEquals("ar", selection.language());
        assertEquals("billing.dispute", selection.category());
    }

    @Test
    void theLastLanguageKeyCounts() {
        assertEquals("ar", menu.resolve("5921").language());
    }

    @Test
    void aLanguageKeyAloneChoosesTheLanguageAndFallsBack() {
        IvrSelection selection = menu.resolve("5");
        assertEquals("ja", selection.language());
        assertTrue(selection.fallback());
        assertEquals("general: no IVR menu keys pressed; language ja", selection.reason());
    }

    @Test
    void aLanguageKeyReportedApartCountsAsPressedFirst() {
        assertEquals("ja", menu.resolve("21", "5").language());
        assertEquals("technical.ecs", menu.resolve("21", "5").category());
        assertEquals("ja", menu.resolve("521", "9").language(), "a language key in the path is pressed later, so it counts");
    }

    @Test
    void anUnknownLanguageKeyReportedApartIsIgnoredAndNoted() {
        IvrSelection selection = menu.resolve("21", "7");
        assertNull(selection.language());
        assertEquals("technical.ecs", selection.category());
        assertEquals("technical.ecs from IVR path 21 (cloud servers (ECS)); language key 7 is not in the menu", selection.reason());
    }

    @Test
    void aBadLanguageKeyIsRefusedByName() {
        var error = assertThrows(InvalidFieldException.class, () -> menu.resolve("21", "ja"));
        assertEquals("languageKey", error.field());
    }

    @Test
    void noLanguageKeyKeepsTheLinesLanguage() {
        assertNull(menu.resolve("21").language());
        assertNull(menu.resolve("21", " ").language());
    }

    @Test
    void theEmergencyKeySkipsTheMenu() {
        IvrSelection selection = menu.resolve("0");
        assertTrue(selection.emergency());
        assertFalse(selection.fallback());
        assertEquals("emergency", selection.category());
        assertEquals(TicketClass.TECHNICAL, selection.ticketClass());
        assertEquals("emergency: IVR emergency key 0 skipped the menu", selection.reason());
    }

    @Test
    void keysAfterTheEmergencyKeyAreIgnored() {
        IvrSelection selection = menu.resolve("0-2-1");
        assertTrue(selection.emergency());
        assertEquals("emergency", selection.category());
        assertEquals("emergency: IVR emergency key 0 skipped the menu; keys 21 after it ignored", selection.reason());
    }

    @Test
    void theEmergencyKeyAfterALanguageKey() {
        IvrSelection selection = menu.resolve("50");
        assertTrue(selection.emergency());
        assertEquals("ja", selection.language());
    }

    @Test
    void theEmergencyKeyInsideTheMenuIsNoEmergency() {
        IvrSelection selection = menu.resolve("20");
        assertFalse(selection.emergency());
        assertTrue(selection.fallback());
    }

    @Test
    void parsingTheDefaultEntriesGivesTheDefaults() {
        assertEquals(IvrMenu.defaults(), IvrMenu.parse(defaultEntries()));
    }

    @Test
    void parsedEntriesMayUseSeparatorsAndAnyCase() {
        IvrMenu parsed = IvrMenu.parse(Map.of(
                "4-1", "Category=Technical.RDS; CLASS=technical; scenario=technical-support; product=rds; label=databases",
                "Emergency-Key", "8"));
        IvrSelection selection = parsed.resolve("41");
        assertEquals(new IvrSelection("41", "technical.rds", TicketClass.TECHNICAL, Scenario.TECHNICAL_SUPPORT, "rds", null,
                null, false, false, "technical.rds from IVR path 41 (databases)"), selection);
        assertTrue(parsed.resolve("8").emergency());
        assertEquals(IvrMenu.defaults().fallback().category(), parsed.resolve("9").category());
    }

    @Test
    void key32HandsTheCallToTheSurveyAndAnUnknownHandoverIsRefused() {
        assertTrue(IvrMenu.defaults().resolve("3-2").toSurvey());
        assertTrue(IvrMenu.defaults().resolve("532").toSurvey(), "in any language");
        org.junit.jupiter.api.Assertions.assertFalse(IvrMenu.defaults().resolve("31").toSurvey());
        org.junit.jupiter.api.Assertions.assertFalse(IvrMenu.defaults().resolve("032").toSurvey(), "the emergency key wins");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> IvrLeaf.parse("32", "category=service.satisfaction-survey;handover=chatbot"));
        assertTrue(e.getMessage().contains("handover"), e.getMessage());
    }

    @Test
    void withoutLanguagesThereAreNoLanguageKeys() {
        Map<String, String> entries = defaultEntries();
        entries.remove("languages");
        IvrSelection selection = IvrMenu.parse(entries).resolve("521");
        assertNull(selection.language());
        assertEquals("general: IVR path 521 is not in the menu", selection.reason());
    }

    @Test
    void aLeafWithoutClassLeavesItToTheCategoryRules() {
        IvrSelection selection = IvrMenu.parse(Map.of("1", "category=business.other", "emergency-key", "0")).resolve("1");
        assertNull(selection.ticketClass());
        assertNull(selection.scenario());
        assertEquals("business.other from IVR path 1 (business.other)", selection.reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "21 | category=technical.ecs;class=HARDWARE | IVR menu entry '21': unknown ticket class 'HARDWARE'; expected one of TECHNICAL, BUSINESS, BILLING",
            "21 | category=technical.ecs;scenario=panic | IVR menu entry '21': unknown scenario 'panic'; expected one of PRE_SALES, TECHNICAL_SUPPORT, BILLING_DISPUTE, SECURITY_EMERGENCY",
            "21 | category=technical.ecs;colour=red | IVR menu entry '21': unknown attribute 'colour'; expected category, class, scenario, product, skill, label, handover",
            "21 | class=TECHNICAL | IVR menu entry '21': category: must not be blank",
            "21 | category=Technical ECS | IVR menu entry '21': category: must be a category code such as technical.ecs: lowercase letters, digits and hyphens in dot-separated parts",
            "21 | category technical.ecs | IVR menu entry '21': 'category technical.ecs' is not name=value",
            "21 | category=technical.ecs;category=technical.rds | IVR menu entry '21': attribute 'category' is given twice",
            "21 | category= | IVR menu entry '21': 'category=' needs both a name and a value",
            "2x | category=technical.ecs | IVR menu entry '2x': expected a key path such as 21, or emergency-key, languages, emergency, fallback",
            "51 | category=technical.ecs | IVR menu entry '51': starts with the language key 5",
            "01 | category=technical.ecs | IVR menu entry '01': starts with the emergency key 0",
            "languages | 5=japanese | IVR language key '5': 'japanese' is not an ISO 639-1 language code such as ja",
            "languages | 55=ja | IVR language key '55': must be one key 0-9",
            "languages | 0=ja | IVR language key '0': is also the emergency key",
            "fallback | label=general | IVR menu entry 'fallback': category: must not be blank"})
    void aBadEntryIsNamed(String key, String value, String message) {
        Map<String, String> entries = defaultEntries();
        entries.put(key, value);
        var error = assertThrows(IllegalArgumentException.class, () -> IvrMenu.parse(entries));
        assertEquals(message, error.getMessage());
    }

    @Test
    void theEmergencyKeyIsRequired() {
        Map<String, String> entries = defaultEntries();
        entries.remove("emergency-key");
        var error = assertThrows(IllegalArgumentException.class, () -> IvrMenu.parse(entries));
        assertEquals("IVR menu entry 'emergency-key' is missing", error.getMessage());
    }

    @Test
    void theEmergencyKeyIsOneKey() {
        Map<String, String> entries = defaultEntries();
        entries.put("emergency-key", "00");
        var error = assertThrows(IllegalArgumentException.class, () -> IvrMenu.parse(entries));
        assertEquals("IVR emergency key: must be one key 0-9", error.getMessage());
    }

    @Test
    void aMenuNeedsOptions() {
        var error = assertThrows(IllegalArgumentException.class, () -> IvrMenu.parse(Map.of("emergency-key", "0")));
        assertEquals("IVR menu has no options", error.getMessage());
    }

    @Test
    void theSamePathTwiceIsRefused() {
        Map<String, String> entries = defaultEntries();
        entries.put("2-1", "category=technical.rds");
        var error = assertThrows(IllegalArgumentException.class, () -> IvrMenu.parse(entries));
        assertEquals("IVR menu entry '2-1': path 21 is given twice", error.getMessage());
    }

    @Test
    void theMenuCannotBeChanged() {
        assertThrows(UnsupportedOperationException.class, () -> menu.leaves().remove("21"));
        assertThrows(UnsupportedOperationException.class, () -> menu.languages().put("7", "ko"));
    }
}
