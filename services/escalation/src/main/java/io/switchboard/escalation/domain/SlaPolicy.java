package io.switchboard.escalation.domain;

import io.switchboard.calendar.BusinessCalendar;
import io.switchboard.calendar.CalendarSpec;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.Priority;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One version of an SLA policy: its rules per priority x tier [x category], its business calendars,
 * warning thresholds, reopen and pause rules, which breaches escalate, and the major-incident cadence.
 * Written as entries {@code <name>=<value>} (format in docs/services/escalation.md); a version never
 * changes once published, and a ticket's clocks keep the version in effect when they started.
 */
public record SlaPolicy(String id, int version, Instant effectiveFrom, Map<String, String> entries,
                        List<SlaRule> rules, Map<String, BusinessCalendar> calendars, List<Integer> warningPercents,
                        ReopenMode reopen, Set<Metric> pauseOnWaiting, Set<Metric> escalateOnBreach,
                        Duration progressInterval, Duration compensationReviewAfter,
                        Map<EmergencyLevel, String> responseTeams, String defaultResponseTeam) {

    /** On reopen, the resolution clock continues with the time already used, or restarts with the full target. */
    public enum ReopenMode { CONTINUE, RESTART }

    /** Entries a policy may have besides {@code rule.*} and {@code calendar.*}. */
    static final List<String> SETTINGS = List.of("warnings", "reopen", "pause-on-waiting", "escalate-on-breach",
            "major-incident.progress-interval", "major-incident.compensation-review-after", "major-incident.team.default");

    public SlaPolicy {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        rules = List.copyOf(rules);
        calendars = Collections.unmodifiableMap(new LinkedHashMap<>(calendars));
        warningPercents = List.copyOf(warningPercents);
    }

    /** The defaults of domain.md (default-policy.properties beside this class) as version 1 of {@code id}. */
    public static SlaPolicy defaults(String id, Instant effectiveFrom) {
        return parse(id, 1, effectiveFrom, DefaultPolicy.entries());
    }

    /** Reads and checks a whole policy; {@link IllegalArgumentException} names the offending entry. */
    public static SlaPolicy parse(String id, int version, Instant effectiveFrom, Map<String, String> entries) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("id: '" + id + "' must be 1-63 lower-case letters, digits or '-'");
        }
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("entries: a policy needs at least one rule");
        }
        List<SlaRule> rules = new ArrayList<>();
        Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
        Map<EmergencyLevel, String> teams = new EnumMap<>(EmergencyLevel.class);
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String name = entry.getKey().strip();
            String value = entry.getValue() == null ? "" : entry.getValue().strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException(name + ": is empty");
            }
            if (name.startsWith("rule.")) {
                rules.add(SlaRule.parse(name.substring(5), value));
            } else if (name.startsWith("calendar.")) {
                String calendarId = name.substring(9);
                try {
                    calendars.put(calendarId, CalendarSpec.parse(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
                }
            } else if (name.startsWith("major-incident.team.") && !name.equals("major-incident.team.default")) {
                teams.put(Enums.parse(EmergencyLevel.class, name.substring(20), name), value);
            } else if (!SETTINGS.contains(name)) {
                throw new IllegalArgumentException(name + ": unknown entry; expected rule.*, calendar.*, major-incident.team.<level> or one of "
                        + String.join(", ", SETTINGS));
            }
        }
        if (rules.stream().noneMatch(r -> r.priority() == null && r.tier() == null && r.categoryPattern() == null)) {
            throw new IllegalArgumentException("rule.*.*: a policy needs a rule for every ticket (rule.*.*)");
        }
        for (SlaRule rule : rules) {
            if (rule.calendarId() != null && !calendars.containsKey(rule.calendarId())) {
                throw new IllegalArgumentException("rule." + rule.key() + ": calendar '" + rule.calendarId() + "' is not defined (calendar."
                        + rule.calendarId() + ")");
            }
        }
        List<Integer> warnings = percents(entries.getOrDefault("warnings", "75,90"));
        SlaPolicy policy = new SlaPolicy(id, version, effectiveFrom, entries, rules, calendars, warnings,
                Enums.parse(ReopenMode.class, entries.getOrDefault("reopen", "continue"), "reopen"),
                metrics(entries.getOrDefault("pause-on-waiting", "resolution,next-update"), "pause-on-waiting"),
                metrics(entries.getOrDefault("escalate-on-breach", "first-response,resolution,expert-join"), "escalate-on-breach"),
                Durations.parse(entries.getOrDefault("major-incident.progress-interval", "1h"), "major-incident.progress-interval"),
                Durations.parse(entries.getOrDefault("major-incident.compensation-review-after", "4h"),
                        "major-incident.compensation-review-after"),
                teams, entries.getOrDefault("major-incident.team.default", "emergency-group"));
        // Every combination must come out complete: a basis, and a calendar when it counts business hours.
        for (Priority p : Priority.values()) {
            for (CustomerTier t : CustomerTier.values()) {
                if (!p.name().equals("UNKNOWN") && !t.name().equals("UNKNOWN")) {
                    policy.termsFor(p, t, null, null);
                }
            }
        }
        for (SlaRule rule : rules) {
            if (rule.categoryPattern() != null) {
                policy.termsFor(rule.priority() == null ? Priority.P3 : rule.priority(),
                        rule.tier() == null ? CustomerTier.STANDARD : rule.tier(), rule.categoryPattern().replace("*", "x"), null);
            }
        }
        return policy;
    }

    /** The targets and time basis for a ticket, each attribute from the most specific rule that sets it. */
    public SlaTerms termsFor(Priority priority, CustomerTier tier, String category, String customerZone) {
        List<SlaRule> matching = rules.stream().filter(r -> r.matches(priority, tier, category))
                .sorted(Comparator.comparingInt(SlaRule::specificity).reversed()).toList();
        Map<Metric, Duration> targets = new EnumMap<>(Metric.class);
        TimeBasis basis = null;
        String calendarId = null;
        SlaRule.ZoneChoice zone = null;
        for (SlaRule rule : matching) {
            rule.targets().forEach(targets::putIfAbsent);
            basis = basis == null ? rule.basis() : basis;
            calendarId = calendarId == null ? rule.calendarId() : calendarId;
            zone = zone == null ? rule.zone() : zone;
        }
        String context = "rules for " + priority + "/" + tier + (category == null ? "" : "/" + category);
        if (basis == null) {
            throw new IllegalArgumentException(context + ": no rule sets basis (24x7, business or 7x12)");
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(context + ": no rule sets a target");
        }
        BusinessCalendar calendar;
        if (basis == TimeBasis.TWENTY_FOUR_SEVEN) {
            calendar = BusinessCalendar.twentyFourSeven(ZoneOffset.UTC);
            calendarId = null;
        } else {
            if (calendarId == null) {
                throw new IllegalArgumentException(context + ": basis " + basis.policyName() + " needs a calendar");
            }
            calendar = calendars.get(calendarId);
            if (zone == SlaRule.ZoneChoice.CUSTOMER && customerZone != null) {
                try {
                    calendar = new BusinessCalendar(ZoneId.of(customerZone), calendar.weeklyHours(), calendar.holidays(), calendar.exceptions());
                } catch (DateTimeException e) {
                    // an unknown zone on the ticket: the calendar's own zone counts
                }
            }
        }
        return new SlaTerms(id, version, matching.stream().map(SlaRule::key).toList(), targets, basis, calendarId, calendar);
    }

    public String responseTeam(EmergencyLevel level) {
        return level == null ? defaultResponseTeam : responseTeams.getOrDefault(level, defaultResponseTeam);
    }

    private static List<Integer> percents(String text) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                int value = Integer.parseInt(part.strip());
                if (value <= 0 || value >= 100) {
                    throw new NumberFormatException();
                }
                values.add(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("warnings: '" + part.strip() + "' is not a percentage between 1 and 99");
            }
        }
        return values.stream().distinct().sorted().toList();
    }

    private static Set<Metric> metrics(String text, String context) {
        Set<Metric> metrics = EnumSet.noneOf(Metric.class);
        for (String part : text.split(",")) {
            if (!part.isBlank() && !part.strip().toLowerCase(Locale.ROOT).equals("none")) {
                metrics.add(Metric.fromPolicyName(part.strip(), context));
            }
        }
        return metrics;
    }
}
