package io.switchboard.intake.domain;

import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.Scenario;
import io.switchboard.contracts.common.Severity;
import io.switchboard.contracts.common.TicketClass;
import io.switchboard.contracts.common.Urgency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifierTest {

    private final Classifier classifier = Classifier.defaults();
    private final IvrMenu menu = IvrMenu.defaults();

    @Test
    void aWebTicketWithEverythingGiven() {
        Classification c = classifier.classify(IntakeFacts.of(Channel.WEB_CONSOLE)
                .withCategory("technical.ecs")
                .withImpact(Impact.SIGNIFICANT).withUrgency(Urgency.HIGH)
                .withTier(CustomerTier.ENTERPRISE, null));

        assertEquals("technical.ecs", c.category());
        assertEquals(TicketClass.TECHNICAL, c.ticketClass());
        assertEquals(Scenario.TECHNICAL_SUPPORT, c.scenario());
        assertEquals(Impact.SIGNIFICANT, c.impact());
        assertEquals(Urgency.HIGH, c.urgency());
        assertEquals(Priority.P2, c.priority());
        assertEquals(CustomerTier.ENTERPRISE, c.tier());
        assertFalse(c.emergency());
        assertNull(c.emergencyLevel());
        assertEquals(Map.of(
                "category", "technical.ecs from the request",
                "ticketClass", "TECHNICAL from category technical.ecs (rule technical.*), scenario TECHNICAL_SUPPORT",
                "priority", "P2 from impact SIGNIFICANT (given) x urgency HIGH (given) in the priority matrix",
                "tier", "ENTERPRISE: the customer's tier",
                "emergency", "not an emergency: not flagged and no emergency rule for category technical.ecs"), c.reasons());
    }

    @Test
    void everyDecisionIsExplainedInAFixedOrder() {
        Classification c = classifier.classify(IntakeFacts.of(Channel.API));
        assertEquals(List.of("category", "ticketClass", "priority", "tier", "emergency"), List.copyOf(c.reasons().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> c.reasons().put("x", "y"));
    }

    @Test
    void nothingKnownGivesTheDefaults() {
        Classification c = classifier.classify(IntakeFacts.of(Channel.WEB_CONSOLE));
        assertEquals("general", c.category());
        assertEquals(TicketClass.BUSINESS, c.ticketClass());
        assertNull(c.scenario());
        assertEquals(Priority.P3, c.priority());
        assertEquals(CustomerTier.STANDARD, c.tier());
        assertEquals("general: default for channel WEB_CONSOLE", c.reasons().get("category"));
        assertEquals("BUSINESS from category general (rule *)", c.reasons().get("ticketClass"));
        assertEquals("P3 from impact MODERATE (default) x urgency MEDIUM (default) in the priority matrix", c.reasons().get("priority"));
        assertEquals("STANDARD: unknown customer, default tier", c.reasons().get("tier"));
    }

    @Test
    void theTierReasonFromTheCallerIsShownAsIs() {
        Classification c = classifier.classify(IntakeFacts.of(Channel.PHONE)
                .withTier(CustomerTier.ENTERPRISE, "ENTERPRISE from caller number +861012345678"));
        assertEquals(CustomerTier.ENTERPRISE, c.tier());
        assertEquals("ENTERPRISE from caller number +861012345678", c.reasons().get("tier"));
    }

    @Test
    void anUnknownCallerGetsTheDefaultTierWithTheCallersReason() {
        Classification c = classifier.classify(IntakeFacts.of(Channel.PHONE)
                .withTier(null, "STANDARD: caller number +861099999999 is not in the directory"));
        assertEquals(CustomerTier.STANDARD, c.tier());
        assertEquals("STANDARD: caller number +861099999999 is not in the directory", c.reasons().get("tier"));
    }

    @ParameterizedTest
    @EnumSource(value = CustomerTier.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void theTierDoesNotChangePriority(CustomerTier tier) {
        Classification c = classifier.classify(IntakeFacts.of(Channel.API).withTier(tier, null)
                .withImpact(Impact.MINOR).withUrgency(Urgency.LOW));
        assertEquals(Priority.P4, c.priority());
    }

    @Test
    void theCategorySourceIsNamed() {
        Classification c = classifier.classify(IntakeFacts.of(Channel.MONITORING)
                .withCategory("technical.rds", "integration prom-eu"));
        assertEquals("technical.rds from integration prom-eu", c.reasons().get("category"));
    }

    @Test
    void aRequestedCategoryIsNormalised() {
        assertEquals("billing.invoice", classifier.classify(IntakeFacts.of(Channel.API).withCategory(" Billing.Invoice ")).category());
    }

    @Test
    void aBadRequestedCategoryIsRefusedByField() {
        var error = assertThrows(InvalidFieldException.class, () -> IntakeFacts.of(Channel.API).withCategory("technical/ecs"));
        assertEquals("category", error.field());
        assertEquals("category: must be a category code such as technical.ecs: lowercase letters, digits and hyphens in dot-separated parts",
                error.getMessage());
    }

    @Test
    void unknownEnumValuesAreRefusedByField() {
        assertEquals("impact", assertThrows(InvalidFieldException.class,
                () -> IntakeFacts.of(Channel.API).withImpact(Impact.UNKNOWN)).field());
        assertEquals("tier", assertThrows(InvalidFieldException.class,
                () -> IntakeFacts.of(Channel.API).withTier(CustomerTier.UNKNOWN, null)).field());
        assertEquals("channel", assertThrows(InvalidFieldException.class, () -> IntakeFacts.of(Channel.UNKNOWN)).field());
    }

    @Test
    void aBillingDispute() {
        Classification c = classifier.classify(IntakeFacts.of(Channel.WEB_CONSOLE).withCategory("billing.dispute"));
        assertEquals(TicketClass.BILLING, c.ticketClass());
        assertEquals(Scenario.BILLING_DISPUTE, c.scenario());
        assertEquals("BILLING from category billing.dispute (rule billing.dispute), scenario BILLING_DISPUTE", c.reasons().get("ticketClass"));
    }

    @Test
    void aCallThroughTheIvr() {
        Classification c = classifier.classify(IntakeFacts.of(Channel.PHONE).withIvr(menu.resolve("2-1")));
        assertEquals("technical.ecs", c.category());
        assertEquals(TicketClass.TECHNICAL, c.ticketClass());
        assertEquals(Scenario.TECHNICAL_SUPPORT, c.scenario());
        assertEquals("technical.ecs from IVR path 21 (cloud servers (ECS))", c.reasons().get("category"));
        assertEquals("TECHNICAL from the IVR menu (path 21), scenario TECHNICAL_SUPPORT", c.reasons().get("ticketClass"));
    }

    @Test
    void aMisroutedCallFallsBackToGeneral() {
        Classification c = classifier.classify(IntakeFacts.of(Channel.PHONE).withIvr(menu.resolve("29")));
        assertEquals("general", c.category());
        assertEquals(TicketClass.BUSINESS, c.ticketClass());
        assertEquals("general: IVR path 29 is not in the menu", c.reasons().get("category"));
        assertEquals("BUSINESS from category general (rule *)", c.reasons().get("ticketClass"));
    }

    @Test
    void theRequestsCategoryWinsOverTheIvr() {
        Classification c = classifier.classify(IntakeFacts.of(Channel.PHONE).withIvr(menu.resolve("21")).withCategory("billing.dispute"));
        assertEquals("billing.dispute", c.category());
        assertEquals(TicketClass.BILLING, c.ticketClass());
        assertEquals(Scenario.BILLING_DISPUTE, c.scenario());
    }

    @Test
    void theIvrEmergencyKeyMakesAnEmergencyWithoutALevel() {
        Classification c = classifier.classify(IntakeFacts.of(Channel.PHONE).withIvr(menu.resolve("0")));
        assertTrue(c.emergency());
        assertNull(c.emergencyLevel());
        assertEquals(Priority.P1, c.priority());
        assertEquals("emergency", c.category());
        assertEquals(TicketClass.TECHNICAL, c.ticketClass());
        assertEquals("emergency: IVR emergency key 0 skipped the menu", c.reasons().get("category"));
        assertEquals("TECHNICAL from the IVR menu (emergency key)", c.reasons().get("ticketClass"));
        assertEquals("P1 for an emergency; the priority matrix gives P3 for impact MODERATE (default) x urgency MEDIUM (default)",
                c.reasons().get("priority"));
        assertEquals("emergency without a level (IVR emergency key): no emergency rule for category emergency", c.reasons().get("emergency"));
    }

    @Test
    void aFlaggedEmergencyInAnOrdinaryCategory() {
        Classification c = classifier.classify(IntakeFacts.of(Channel.PHONE).withIvr(menu.resolve("23")).withEmergency(true));
        assertTrue(c.emergency());
        assertNull(c.emergencyLevel());
        assertEquals(Priority.P1, c.priority());
        assertEquals("emergency without a level (flagged by the PHONE channel): no emergency rule for category technical.network-security",
                c.reasons().get("emergency"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "infrastructure.datacenter, LEVEL_1, infrastructure.datacenter",
            "api.core-unavailable, LEVEL_2, api.core-unavailable",
            "security.data-leak, LEVEL_3, security.data-leak",
            "security.intrusion, LEVEL_3, security.*"})
    void anEmergencyCategoryIsAnEmergencyOfItsClass(String category, EmergencyLevel level, String rule) {
        Classification c = classifier.classify(IntakeFacts.of(Channel.WEB_CONSOLE).withCategory(category)
                .withImpact(Impact.MINOR).withUrgency(Urgency.LOW));
        assertTrue(c.emergency());
        assertEquals(level, c.emergencyLevel());
        assertEquals(Priority.P1, c.priority());
        assertEquals(level + " from category " + category + " (emergency rule " + rule + ")", c.reasons().get("emergency"));
        assertEquals("P1 for an emergency; the priority matrix gives P4 for impact MINOR (given) x urgency LOW (given)",
                c.reasons().get("priority"));
    }

    @Test
    void aSecurityEmergencyFlaggedToo() {
        Classification c = classifier.classify(IntakeFacts.of(Channel.PHONE).withCategory("security.data-leak").withEmergency(true));
        assertEquals(EmergencyLevel.LEVEL_3, c.emergencyLevel());
        assertEquals(Scenario.SECURITY_EMERGENCY, c.scenario());
        assertEquals("LEVEL_3 from category security.data-leak (emergency rule security.data-leak); also flagged by the PHONE channel",
                c.reasons().get("emergency"));
    }

    @Test
    void monitoringWithoutACategoryIsTechnical() {
        Classification c = classifier.classify(IntakeFacts.of(Channel.MONITORING));
        assertEquals("technical.monitoring", c.category());
        assertEquals(TicketClass.TECHNICAL, c.ticketClass());
        assertEquals("technical.monitoring: default for channel MONITORING", c.reasons().get("category"));
    }

    @ParameterizedTest(name = "{0} -> {1} x {2} = {3}")
    @CsvSource({
            "CRITICAL, EXTENSIVE, CRITICAL, P1",
            "ERROR, SIGNIFICANT, HIGH, P2",
            "WARNING, MODERATE, MEDIUM, P3",
            "INFO, MINOR, LOW, P4"})
    void aMonitoringSeverityGivesImpactAndUrgency(Severity severity, Impact impact, Urgency urgency, Priority priority) {
        Classification c = classifier.classify(IntakeFacts.of(Channel.MONITORING).withSeverity(severity));
        assertEquals(impact, c.impact());
        assertEquals(urgency, c.urgency());
        assertEquals(priority, c.priority());
        assertEquals(String.format("%s from impact %s (severity %s) x urgency %s (severity %s) in the priority matrix",
                priority, impact, severity, urgency, severity), c.reasons().get("priority"));
        assertFalse(c.emergency());
    }

    @Test
    void whatIsGivenWinsOverTheSeverity() {
        Classification c = classifier.classify(IntakeFacts.of(Channel.MONITORING)
                .withSeverity(Severity.CRITICAL).withImpact(Impact.MINOR));
        assertEquals(Impact.MINOR, c.impact());
        assertEquals(Urgency.CRITICAL, c.urgency());
        assertEquals(Priority.P3, c.priority());
        assertEquals("P3 from impact MINOR (given) x urgency CRITICAL (severity CRITICAL) in the priority matrix", c.reasons().get("priority"));
    }

    @Test
    void everyPolicyIsData() {
        Map<String, String> matrix = new HashMap<>(PriorityMatrixTest.defaultEntries());
        matrix.replaceAll((cell, priority) -> "P4");
        Classifier configured = new Classifier(
                PriorityMatrix.parse(matrix),
                SeverityMapping.parse(Map.of("critical", "minor/low", "error", "minor/low", "warning", "minor/low", "info", "minor/low")),
                CategoryRules.parse(Map.of("*", "class=TECHNICAL;scenario=TECHNICAL_SUPPORT")),
                EmergencyRules.parse(Map.of("technical.ecs", "LEVEL_2")),
                new ClassifierDefaults("triage", Map.of(Channel.API, "api.general"), Impact.MINOR, Urgency.LOW,
                        CustomerTier.ENTERPRISE, Priority.P2));

        Classification web = configured.classify(IntakeFacts.of(Channel.WEB_CONSOLE).withSeverity(Severity.CRITICAL));
        assertEquals("triage", web.category());
        assertEquals(TicketClass.TECHNICAL, web.ticketClass());
        assertEquals(Impact.MINOR, web.impact());
        assertEquals(Priority.P4, web.priority());
        assertEquals(CustomerTier.ENTERPRISE, web.tier());

        assertEquals("api.general", configured.classify(IntakeFacts.of(Channel.API)).category());

        Classification emergency = configured.classify(IntakeFacts.of(Channel.WEB_CONSOLE).withCategory("technical.ecs"));
        assertEquals(EmergencyLevel.LEVEL_2, emergency.emergencyLevel());
        assertEquals(Priority.P2, emergency.priority());
    }
}
