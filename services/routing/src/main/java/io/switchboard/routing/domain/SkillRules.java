package io.switchboard.routing.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The skill a ticket asks for when intake named none: {@code <category pattern> = <skill>}, most
 * specific pattern first, e.g. {@code billing.* = billing}, {@code * = general}.
 */
public final class SkillRules {

    private record Entry(CategoryPattern pattern, String skill) {
    }

    private final List<Entry> entries;

    private SkillRules(List<Entry> entries) {
        this.entries = entries;
    }

    public static SkillRules parse(Map<String, String> table) {
        List<Entry> entries = new ArrayList<>();
        table.forEach((pattern, skill) -> {
            if (skill == null || skill.isBlank()) {
                throw new InvalidPolicyException("skill rule '" + pattern + "': the skill is empty");
            }
            entries.add(new Entry(CategoryPattern.parse(pattern), skill.strip().toLowerCase(Locale.ROOT)));
        });
        if (entries.stream().noneMatch(e -> e.pattern().text().equals("*"))) {
            throw new InvalidPolicyException("skill rules: a '*' entry is required");
        }
        entries.sort(Comparator.comparingInt((Entry e) -> e.pattern().specificity()).reversed());
        return new SkillRules(List.copyOf(entries));
    }

    /** The ticket's own skill if it has one, else the most specific rule's. */
    public String skillFor(RoutingTicket ticket) {
        if (ticket.skill() != null && !ticket.skill().isBlank()) {
            return ticket.skill().strip().toLowerCase(Locale.ROOT);
        }
        String category = ticket.category().toLowerCase(Locale.ROOT);
        return entries.stream().filter(e -> e.pattern().matches(category)).findFirst().orElseThrow().skill();
    }
}
