package io.switchboard.mesh;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The short policy targets of the mesh tests, given to the processes as configuration (system properties) the way
 * an operator overrides a service's policy spec. Time targets are domain.md's defaults scaled one minute to two
 * seconds (a P1's 15-minute first response is 30 s); a major incident's hourly progress reminder comes every
 * 20 s, so that two fall due within a test.
 */
final class MeshPolicies {

    /** Seconds of the scaled clock per minute of the real policy. */
    static final int SECONDS_PER_MINUTE = 2;
    static final int FIRST_RESPONSE_SECONDS = 15 * SECONDS_PER_MINUTE;
    static final int PROGRESS_INTERVAL_SECONDS = 20;

    /**
     * escalation's policy version 1 (switchboard.escalation.policy.entries: the whole policy, as the defaults file
     * has it, with the durations scaled).
     */
    static Map<String, String> escalation() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("warnings", "75,90");
        entries.put("reopen", "continue");
        entries.put("pause-on-waiting", "resolution,next-update");
        entries.put("escalate-on-breach", "first-response,resolution,expert-join");
        entries.put("major-incident.progress-interval", PROGRESS_INTERVAL_SECONDS + "s");
        entries.put("major-incident.compensation-review-after", scaled(4 * 60));
        entries.put("major-incident.team.default", "emergency-group");
        entries.put("major-incident.team.LEVEL_1", "disaster-recovery");
        entries.put("major-incident.team.LEVEL_2", "technical-committee");
        entries.put("major-incident.team.LEVEL_3", "security-response");
        entries.put("calendar.service-hours", "zone=Asia/Shanghai; daily=08:00-20:00");
        entries.put("calendar.business", "zone=Asia/Shanghai; mon-fri=08:00-20:00");
        entries.put("rule.*.*", "first-response=" + scaled(15) + "; resolution=" + scaled(3 * 24 * 60) + "; l1-budget="
                + scaled(30) + "; expert-join=" + scaled(120) + "; basis=business; calendar=business; zone=customer");
        entries.put("rule.P1.*", "resolution=" + scaled(4 * 60) + "; next-update=" + scaled(60) + "; basis=24x7");
        entries.put("rule.P2.*", "resolution=" + scaled(8 * 60) + "; next-update=" + scaled(60)
                + "; basis=7x12; calendar=service-hours");
        entries.put("rule.P3.*", "resolution=" + scaled(2 * 24 * 60));
        entries.put("rule.*.VIP", "basis=7x12; calendar=service-hours; zone=customer");
        entries.put("rule.P1.ENTERPRISE", "first-response=" + scaled(15));
        entries.put("rule.P1.STRATEGIC_PARTNER", "first-response=" + scaled(15));
        Map<String, String> properties = new LinkedHashMap<>();
        entries.forEach((name, value) -> properties.put("switchboard.escalation.policy.entries.\"" + name + "\"", value));
        return properties;
    }

    /** {@code minutes} of the real policy on the scaled clock, as a policy duration. */
    static String scaled(int minutes) {
        return minutes * SECONDS_PER_MINUTE + "s";
    }

    private MeshPolicies() {
    }
}
