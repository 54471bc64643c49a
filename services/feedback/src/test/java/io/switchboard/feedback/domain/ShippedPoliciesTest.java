package io.switchboard.feedback.domain;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policies application.properties ships are the defaults of domain.md, and they parse. */
class ShippedPoliciesTest {

    private static Properties shipped() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = ShippedPoliciesTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void theShippedPoliciesAreDomainMdsDefaults() throws Exception {
        Properties p = shipped();
        SurveyPolicy survey = SurveyPolicy.parse(p.getProperty("switchboard.feedback.policy.survey"));
        assertEquals(Map.of("PHONE", SurveyMethod.IVR, "WEB_CONSOLE", SurveyMethod.WEB, "API", SurveyMethod.EMAIL,
                "PARTNER", SurveyMethod.EMAIL, "MONITORING", SurveyMethod.NONE), survey.methodByChannel());
        assertEquals(new MetricTargets(4.5, 75, 0.85, Duration.ofMinutes(8)),
                MetricTargets.parse(p.getProperty("switchboard.feedback.policy.targets")));
        QualityPolicy quality = QualityPolicy.parse(p.getProperty("switchboard.feedback.policy.quality"));
        assertEquals(1.0, quality.inspectedShare());
        assertEquals(Map.of(ReviewMethod.AUTOMATIC, 30, ReviewMethod.MANUAL, 50, ReviewMethod.CALL_BACK, 20), quality.split());
        LowSatisfactionPolicy low = LowSatisfactionPolicy.parse(p.getProperty("switchboard.feedback.policy.low-satisfaction"));
        assertEquals(2, low.csatAtMost());
        assertTrue(low.reopen());
    }
}
