package io.switchboard.routing.domain;

import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rule table: which certification and support level a ticket needs, by category, priority and
 * emergency class. Entries are {@code <category pattern>[/<priorities>] = certification=<C>;level=<L>},
 * e.g. {@code technical.databases/P1,P2 = certification=SYSTEM_FAULTS;level=L2}, plus one
 * {@code emergency = ...} entry for tickets of an emergency class. The most specific category wins;
 * at equal category an entry naming the priority wins over one that does not.
 */
public final class RequirementRules {

    static final String EMERGENCY = "emergency";
    private static final Set<Priority> EVERY_PRIORITY = Set.of(Priority.P1, Priority.P2, Priority.P3, Priority.P4);

    private record Entry(String key, CategoryPattern pattern, Set<Priority> priorities, Certification certification,
                         SupportLevel level) {
        int specificity() {
            return pattern.specificity() * 2 + (priorities.equals(EVERY_PRIORITY) ? 0 : 1);
        }
    }

    private final List<Entry> entries;
    private final Entry emergency;

    private RequirementRules(List<Entry> entries, Entry emergency) {
        this.entries = entries;
        this.emergency = emergency;
    }

    public static RequirementRules parse(Map<String, String> table) {
        List<Entry> entries = new ArrayList<>();
        Entry emergency = null;
        for (Map.Entry<String, String> e : table.entrySet()) {
            String key = e.getKey().strip();
            Entry entry = entry(key, e.getValue());
            if (key.equals(EMERGENCY)) {
                emergency = entry;
            } else {
                entries.add(entry);
            }
        }
        if (emergency == null) {
            throw new InvalidPolicyException("requirement rules: an 'emergency' entry is required");
        }
        if (entries.stream().noneMatch(e -> e.pattern().text().equals("*") && e.priorities().equals(EVERY_PRIORITY))) {
            throw new InvalidPolicyException("requirement rules: a '*' entry is required, so that every ticket has a requirement");
        }
        entries.sort(Comparator.comparingInt(Entry::specificity).reversed());
        return new RequirementRules(List.copyOf(entries), emergency);
    }

    private static Entry entry(String key, String value) {
        String category = key;
        Set<Priority> priorities = EVERY_PRIORITY;
        int colon = key.indexOf('/');
        if (colon >= 0) {
            category = key.substring(0, colon);
            priorities = EnumSet.noneOf(Priority.class);
            for (String p : key.substring(colon + 1).split(",")) {
                priorities.add(Specs.enumValue(Priority.class, p, "requirement '" + key + "' priority"));
            }
            priorities.remove(Priority.UNKNOWN);
        }
        Map<String, String> fields = Specs.fields(value, "requirement '" + key + "'");
        Certification certification = Specs.enumValue(Certification.class, Specs.required(fields, "certification", key), "requirement '" + key + "' certification");
        SupportLevel level = Specs.enumValue(SupportLevel.class, Specs.required(fields, "level", key), "requirement '" + key + "' level");
        CategoryPattern pattern = key.equals(EMERGENCY) ? CategoryPattern.parse("*") : CategoryPattern.parse(category);
        return new Entry(key, pattern, Set.copyOf(priorities), certification, level);
    }

    /** What the ticket needs; never null. */
    public Requirement requirementFor(RoutingTicket ticket) {
        if (ticket.emergency()) {
            return new Requirement(emergency.certification(), emergency.level(), EMERGENCY);
        }
        for (Entry e : entries) {
            if (e.pattern().matches(ticket.category().toLowerCase(Locale.ROOT)) && e.priorities().contains(ticket.priority())) {
                return new Requirement(e.certification(), e.level(), e.key());
            }
        }
        throw new IllegalStateException("no '*' requirement entry"); // parse() guarantees one
    }
}
