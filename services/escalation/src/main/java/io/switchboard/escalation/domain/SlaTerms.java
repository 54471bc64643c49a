package io.switchboard.escalation.domain;

import io.switchboard.calendar.BusinessCalendar;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a ticket's policy gives its clocks: targets, how time counts, and the rules and version they came from. */
public record SlaTerms(String policyId, int policyVersion, List<String> rules, Map<Metric, Duration> targets,
                       TimeBasis basis, String calendarId, BusinessCalendar calendar) {
}
