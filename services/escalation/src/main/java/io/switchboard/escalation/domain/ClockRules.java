package io.switchboard.escalation.domain;

import io.switchboard.calendar.BusinessCalendar;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLA clock rules. A ticket's clocks are replayed from its facts in the order they happened
 * (not the order they arrived), with the deadlines that fell between them, up to {@code now}:
 *
 * <ul>
 * <li>clocks start when the problem was received ({@code openedAt}); first response stops on the
 *     first answer by a person (acknowledge, progress update or resolution), never on a monitoring
 *     system's acknowledge; each next-update interval starts at the first response or the last
 *     progress update and stops on the next; resolution stops on resolve;</li>
 * <li>waiting on the customer pauses the clocks the policy names; counted time is business time on the
 *     terms' calendar, so closed hours, holidays and daylight-saving days count exactly;</li>
 * <li>a reopen starts a new resolution cycle that continues with the time used or restarts (policy);</li>
 * <li>a reclassification re-evaluates the terms under the policy version in effect at that time and
 *     records why; a policy published later never changes a running clock;</li>
 * <li>a breach the policy names, or the level-1 budget running out, moves the ticket up a level at the
 *     instant it happened; reaching L3, or an emergency class, declares a major incident.</li>
 * </ul>
 *
 * Evaluating the same set of facts at the same instant always gives the same result.
 */
public final class ClockRules {

    private static final Comparator<TicketFact> HAPPENED = Comparator.comparing(TicketFact::at)
            .thenComparingInt(TicketFact::rank).thenComparing(TicketFact::eventId);

    private final PolicyHistory policies;
    private final Instant now;
    private TicketFact.Opened opened;
    private SlaPolicy policy;
    private SlaTerms terms;
    private Priority priority;
    private String category;
    private final List<TicketSla.Binding> bindings = new ArrayList<>();
    private final List<Run> runs = new ArrayList<>();
    private final List<Notice> notices = new ArrayList<>();
    private SupportLevel level;
    private String skillGroupId;
    private boolean waiting;
    private boolean responded;
    private boolean resolved;
    private boolean closed;
    private boolean majorDeclared;

    private ClockRules(PolicyHistory policies, Instant now) {
        this.policies = policies;
        this.now = now;
    }

    public static TicketSla evaluate(Collection<? extends TicketFact> facts, PolicyHistory policies, Instant now) {
        Map<String, TicketFact> unique = new LinkedHashMap<>();
        facts.forEach(f -> unique.putIfAbsent(f.eventId(), f)); // a redelivered fact counts once
        List<TicketFact> ordered = unique.values().stream().sorted(HAPPENED).toList();
        TicketFact.Opened opening = ordered.stream().filter(TicketFact.Opened.class::isInstance)
                .map(TicketFact.Opened.class::cast).findFirst().orElse(null);
        if (opening == null) {
            return TicketSla.waitingForOpening();
        }
        return new ClockRules(policies, now).replay(opening, ordered);
    }

    private TicketSla replay(TicketFact.Opened opening, List<TicketFact> ordered) {
        opened = opening;
        Instant t0 = opening.at();
        priority = opening.priority();
        category = opening.category();
        bind(t0, "opened");
        level = known(opening.supportLevel()) ? opening.supportLevel() : SupportLevel.L1;
        start(Metric.FIRST_RESPONSE, t0);
        start(Metric.RESOLUTION, t0);
        if (level == SupportLevel.L1) start(Metric.L1_BUDGET, t0);
        if (level == SupportLevel.L2) start(Metric.EXPERT_JOIN, t0);
        if (!terms.targets().containsKey(Metric.FIRST_RESPONSE)) {
            responded = true;
            start(Metric.NEXT_UPDATE, t0);
        }
        if (opening.emergency() || level == SupportLevel.L3) declareMajor(t0, opening.emergencyLevel());
        for (TicketFact fact : ordered) {
            if (fact == opening || fact instanceof TicketFact.Opened) {
                continue;
            }
            Instant at = fact.at().isBefore(t0) ? t0 : fact.at();
            passDeadlines(at, false);
            apply(fact, at);
        }
        passDeadlines(now, true);
        return result();
    }

    // ---- facts

    private void apply(TicketFact fact, Instant at) {
        if (fact instanceof TicketFact.Reclassified r) {
            reclassify(r, at);
        } else if (fact instanceof TicketFact.Acknowledged a) {
            if (a.human()) respond(at);
        } else if (fact instanceof TicketFact.StatusChanged s) {
            waitOnCustomer(s.waitingOnCustomer(), at);
        } else if (fact instanceof TicketFact.ProgressUpdated) {
            respond(at);
            if (!resolved && !closed) {
                stopAll(Metric.NEXT_UPDATE, at, false);
                start(Metric.NEXT_UPDATE, at);
            }
        } else if (fact instanceof TicketFact.Assigned a) {
            skillGroupId = a.skillGroupId();
            if (known(a.level()) && a.level().ordinal() >= SupportLevel.L2.ordinal()) stopAll(Metric.EXPERT_JOIN, at, false);
            if (known(a.level()) && a.level().ordinal() > level.ordinal()) changeLevel(at, a.level());
        } else if (fact instanceof TicketFact.EscalatedByHand e) {
            escalate(at, e.toLevel(), Notice.Escalation.MANUAL, e.by(), "escalated:" + e.eventId());
        } else if (fact instanceof TicketFact.Resolved r) {
            resolve(r, at);
        } else if (fact instanceof TicketFact.Reopened) {
            reopen(at);
        } else if (fact instanceof TicketFact.Closed) {
            for (Metric metric : Metric.values()) stopAll(metric, at, true);
            closed = true;
        }
    }

    private void reclassify(TicketFact.Reclassified r, Instant at) {
        Priority before = priority;
        priority = known(r.priority()) ? r.priority() : priority;
        category = r.category() == null ? category : r.category();
        bind(at, "reclassified by " + r.by() + " (" + before + " -> " + priority + "): " + r.reason());
        for (Run run : runs) {
            if (!terms.targets().containsKey(run.metric)) stop(run, at, true);
        }
        if (!resolved && !closed) {
            if (!running(Metric.FIRST_RESPONSE) && !responded) start(Metric.FIRST_RESPONSE, at);
            if (responded && !running(Metric.NEXT_UPDATE)) start(Metric.NEXT_UPDATE, at);
        }
        if (known(r.supportLevel()) && r.supportLevel().ordinal() > level.ordinal()) changeLevel(at, r.supportLevel());
        if (r.emergency()) declareMajor(at, r.emergencyLevel());
    }

    private void respond(Instant at) {
        stopAll(Metric.FIRST_RESPONSE, at, false);
        if (!responded) {
            responded = true;
            if (!resolved && !closed) start(Metric.NEXT_UPDATE, at);
        }
    }

    private void waitOnCustomer(boolean waitingNow, Instant at) {
        if (waitingNow == waiting || resolved || closed) {
            return;
        }
        waiting = waitingNow;
        for (Run run : runs) {
            if (run.stoppedAt == null && policy.pauseOnWaiting().contains(run.metric)) {
                if (waitingNow) run.pause(at);
                else run.resume(at);
            }
        }
    }

    private void resolve(TicketFact.Resolved r, Instant at) {
        if (resolved || closed) {
            return;
        }
        if (r.skillGroupId() != null) skillGroupId = r.skillGroupId();
        stopAll(Metric.FIRST_RESPONSE, at, false);
        stopAll(Metric.RESOLUTION, at, false);
        stopAll(Metric.L1_BUDGET, at, false);
        stopAll(Metric.EXPERT_JOIN, at, true);
        stopAll(Metric.NEXT_UPDATE, at, true);
        responded = true;
        resolved = true;
        waiting = false;
    }

    private void reopen(Instant at) {
        if (!resolved || closed) {
            return;
        }
        resolved = false;
        Run previous = last(Metric.RESOLUTION);
        Run next = start(Metric.RESOLUTION, at);
        if (next != null && previous != null && policy.reopen() == SlaPolicy.ReopenMode.CONTINUE) {
            next.segments.addAll(0, previous.segments); // the time used before counts on
        }
        start(Metric.NEXT_UPDATE, at);
    }

    // ---- deadlines, levels and major incidents

    /** Escalating breaches and the level-1 budget, in the order they fell due, before {@code limit}. */
    private void passDeadlines(Instant limit, boolean inclusive) {
        while (true) {
            Run due = null;
            Instant dueAt = null;
            for (Run run : runs) {
                boolean escalates = run.metric == Metric.L1_BUDGET || policy.escalateOnBreach().contains(run.metric);
                if (!escalates || run.escalated || run.stoppedAt != null) continue;
                Instant crossing = run.crossing(target(run));
                if (crossing != null && (dueAt == null || crossing.isBefore(dueAt))) {
                    due = run;
                    dueAt = crossing;
                }
            }
            if (due == null || dueAt.isAfter(limit) || !inclusive && dueAt.equals(limit)) {
                return;
            }
            due.escalated = true;
            if (due.metric == Metric.L1_BUDGET) {
                escalate(dueAt, SupportLevel.L2, Notice.Escalation.COMPLEXITY, "system", "escalated:" + due.key());
            } else if (level.ordinal() < SupportLevel.L3.ordinal()) {
                escalate(dueAt, SupportLevel.values()[level.ordinal() + 1], Notice.Escalation.SLA_BREACH, "system", "escalated:" + due.key());
            }
        }
    }

    private void escalate(Instant at, SupportLevel to, Notice.Escalation reason, String by, String key) {
        if (!known(to) || to.ordinal() <= level.ordinal() || closed) {
            return;
        }
        notices.add(new Notice(key, Notice.Kind.ESCALATED, at, null, 0, level, to, reason, by, null, null));
        changeLevel(at, to);
    }

    private void changeLevel(Instant at, SupportLevel to) {
        level = to;
        stopAll(Metric.L1_BUDGET, at, true);
        if (to == SupportLevel.L2 && !resolved && !closed && last(Metric.EXPERT_JOIN) == null) start(Metric.EXPERT_JOIN, at);
        if (to == SupportLevel.L3) declareMajor(at, null);
    }

    private void declareMajor(Instant at, EmergencyLevel emergencyLevel) {
        if (majorDeclared || closed) {
            return;
        }
        majorDeclared = true;
        notices.add(new Notice("major-incident", Notice.Kind.MAJOR_INCIDENT, at, null, 0, null, level, null, "system",
                emergencyLevel, policy.responseTeam(emergencyLevel)));
    }

    // ---- clocks

    private void bind(Instant at, String reason) {
        policy = policies.at(at);
        terms = policy.termsFor(priority, opened.tier(), category, opened.customerTimeZone());
        bindings.add(new TicketSla.Binding(at, policy.id(), policy.version(), String.valueOf(priority),
                String.valueOf(opened.tier()), category, reason));
    }

    private Run start(Metric metric, Instant at) {
        if (!terms.targets().containsKey(metric) || resolved && metric != Metric.RESOLUTION || closed) {
            return null;
        }
        int cycle = (int) runs.stream().filter(r -> r.metric == metric).count() + 1;
        Run run = new Run(metric, cycle, at);
        run.segments.add(new Instant[] {at, null});
        if (waiting && policy.pauseOnWaiting().contains(metric)) run.pause(at);
        runs.add(run);
        return run;
    }

    private void stopAll(Metric metric, Instant at, boolean cancel) {
        for (Run run : runs) {
            if (run.metric == metric) stop(run, at, cancel);
        }
    }

    private void stop(Run run, Instant at, boolean cancel) {
        if (run.stoppedAt != null) {
            return;
        }
        run.pause(at);
        run.stoppedAt = at;
        boolean late = run.used(terms.calendar(), at).compareTo(target(run)) > 0;
        run.outcome = late ? ClockState.MISSED : cancel ? ClockState.CANCELLED : ClockState.MET;
    }

    private boolean running(Metric metric) {
        return runs.stream().anyMatch(r -> r.metric == metric && r.stoppedAt == null);
    }

    private Run last(Metric metric) {
        Run found = null;
        for (Run run : runs) {
            if (run.metric == metric) found = run;
        }
        return found;
    }

    private Duration target(Run run) {
        return terms.targets().getOrDefault(run.metric, Duration.ZERO);
    }

    // ---- the result

    private TicketSla result() {
        List<SlaClock> clocks = new ArrayList<>();
        List<Notice> due = new ArrayList<>(notices);
        Instant next = null;
        for (Run run : runs) {
            BusinessCalendar calendar = terms.calendar();
            Duration target = target(run);
            Instant at = run.stoppedAt == null ? now : run.stoppedAt;
            Duration used = run.used(calendar, at);
            Instant dueAt = run.open() ? run.crossing(target) : null;
            List<Integer> passed = new ArrayList<>();
            for (int percent : policy.warningPercents()) {
                if (used.toMillis() * 100 >= target.toMillis() * percent) passed.add(percent);
            }
            ClockState state = run.stoppedAt != null ? run.outcome
                    : used.compareTo(target) > 0 ? ClockState.BREACHED
                    : !passed.isEmpty() ? ClockState.WARNING
                    : run.open() ? ClockState.RUNNING : ClockState.PAUSED;
            SlaClock clock = new SlaClock(run.key(), run.metric, run.cycle, terms.policyId(), terms.policyVersion(), target,
                    terms.basis(), terms.calendarId(), run.startedAt, run.stoppedAt, used, run.pauses(), dueAt, state, passed);
            clocks.add(clock);
            if (run.metric.published()) {
                due.add(Notice.ofClock(Notice.Kind.CLOCK_STARTED, run.startedAt, clock, 0));
                if (run.stoppedAt == null) {
                    for (int percent : policy.warningPercents()) {
                        Instant crossing = run.crossing(target.multipliedBy(percent).dividedBy(100));
                        if (crossing == null) continue;
                        if (!crossing.isAfter(now)) due.add(Notice.ofClock(Notice.Kind.WARNING, crossing, clock, percent));
                        else next = earliest(next, crossing);
                    }
                }
                Instant breach = run.crossing(target);
                if (breach != null && (run.stoppedAt == null ? !breach.isAfter(now) : breach.isBefore(run.stoppedAt))) {
                    due.add(Notice.ofClock(Notice.Kind.BREACHED, breach, clock, 100));
                } else if (breach != null && run.stoppedAt == null) {
                    next = earliest(next, breach);
                }
                if (run.stoppedAt != null) due.add(Notice.ofClock(Notice.Kind.CLOCK_STOPPED, run.stoppedAt, clock, 0));
            } else if (run.stoppedAt == null && !run.escalated) {
                Instant budget = run.crossing(target);
                if (budget != null && budget.isAfter(now)) next = earliest(next, budget);
            }
        }
        due.sort(Comparator.comparing(Notice::at).thenComparing(n -> n.kind().ordinal()));
        return new TicketSla(opened, terms, List.copyOf(bindings), level, skillGroupId, List.copyOf(clocks), List.copyOf(due),
                next, resolved, closed);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static boolean known(Enum<?> value) {
        return value != null && !value.name().equals("UNKNOWN");
    }

    /** A clock while it is replayed: the intervals it ran, [start, end) with a null end while running. */
    private final class Run {
        final Metric metric;
        final int cycle;
        final Instant startedAt;
        final List<Instant[]> segments = new ArrayList<>();
        Instant stoppedAt;
        ClockState outcome;
        boolean escalated;

        Run(Metric metric, int cycle, Instant startedAt) {
            this.metric = metric;
            this.cycle = cycle;
            this.startedAt = startedAt;
        }

        String key() {
            return metric.name() + "#" + cycle;
        }

        boolean open() {
            return !segments.isEmpty() && segments.get(segments.size() - 1)[1] == null;
        }

        void pause(Instant at) {
            if (open()) segments.get(segments.size() - 1)[1] = at;
        }

        void resume(Instant at) {
            if (!open() && stoppedAt == null) segments.add(new Instant[] {at, null});
        }

        Duration used(BusinessCalendar calendar, Instant at) {
            Duration used = Duration.ZERO;
            for (Instant[] s : segments) {
                Instant end = s[1] == null || s[1].isAfter(at) ? at : s[1];
                if (end.isAfter(s[0])) used = used.plus(calendar.businessTimeBetween(s[0], end));
            }
            return used;
        }

        /** When the counted time reaches {@code amount}; null if it has not and the clock is not running. */
        Instant crossing(Duration amount) {
            BusinessCalendar calendar = terms.calendar();
            Duration left = amount;
            for (Instant[] s : segments) {
                if (s[1] == null) {
                    try {
                        return calendar.plus(s[0], left);
                    } catch (IllegalStateException neverOpensAgain) {
                        return null;
                    }
                }
                Duration span = calendar.businessTimeBetween(s[0], s[1]);
                if (span.compareTo(left) >= 0) {
                    return calendar.plus(s[0], left);
                }
                left = left.minus(span);
            }
            return null;
        }

        List<SlaClock.Pause> pauses() {
            List<SlaClock.Pause> pauses = new ArrayList<>();
            for (int i = 0; i < segments.size(); i++) {
                Instant end = segments.get(i)[1];
                if (end == null || end.equals(stoppedAt)) continue;
                Instant resumed = i + 1 < segments.size() ? segments.get(i + 1)[0] : null;
                if (resumed == null || resumed.isAfter(end)) pauses.add(new SlaClock.Pause(end, resumed));
            }
            return pauses;
        }
    }
}
