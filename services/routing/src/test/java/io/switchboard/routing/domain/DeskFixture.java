package io.switchboard.routing.domain;

import io.switchboard.calendar.CalendarSpec;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.EmergencyLevel;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A small desk for the routing tables: Beijing, Singapore and Frankfurt open 08:00-20:00 local, an
 * emergency group 24x7. Monday 2026-11-30: 02:00Z is 10:00 in Beijing (day), 15:00Z is 23:00 in Beijing
 * and 16:00 in Frankfurt, 22:00Z is night in all three.
 */
final class DeskFixture {

    static final Instant BEIJING_DAY = Instant.parse("2026-11-30T02:00:00Z");
    static final Instant BEIJING_NIGHT = Instant.parse("2026-11-30T15:00:00Z");
    static final Instant NIGHT_EVERYWHERE = Instant.parse("2026-11-30T22:00:00Z");
    static final Instant BEIJING_HOLIDAY = Instant.parse("2026-10-01T02:00:00Z");

    static final Centre BEIJING = new Centre("beijing", ZoneId.of("Asia/Shanghai"), Set.of(LocalDate.parse("2026-10-01")));
    static final Centre SINGAPORE = new Centre("singapore", ZoneId.of("Asia/Singapore"), Set.of());
    static final Centre FRANKFURT = new Centre("frankfurt", ZoneId.of("Europe/Berlin"), Set.of());

    static SkillGroup group(String id, String skill, Set<String> languages, SupportLevel level, Certification cert,
                            Centre centre, AgentStrategy strategy) {
        return new SkillGroup(id, id, skill, Set.of(), languages, cert, level, Set.of(), centre,
                CalendarSpec.parse("zone=" + centre.zone() + "; daily=08:00-20:00"), strategy, false);
    }

    static final SkillGroup GENERAL = group("bj-general-l1", "general", Set.of("zh", "en"), SupportLevel.L1, Certification.BASIC_OPERATIONS, BEIJING, AgentStrategy.LEAST_LOADED);
    static final SkillGroup DB_L1 = group("bj-databases-l1", "databases", Set.of("zh", "en"), SupportLevel.L1, Certification.BASIC_OPERATIONS, BEIJING, AgentStrategy.LEAST_LOADED);
    static final SkillGroup DB_L2 = group("bj-databases-l2", "databases", Set.of("zh", "en"), SupportLevel.L2, Certification.SYSTEM_FAULTS, BEIJING, AgentStrategy.LEAST_LOADED);
    static final SkillGroup SERVERS_JA = group("sg-servers-l1", "servers", Set.of("ja", "en"), SupportLevel.L1, Certification.BASIC_OPERATIONS, SINGAPORE, AgentStrategy.LONGEST_IDLE);
    static final SkillGroup BILLING_BJ = group("bj-billing-l1", "billing", Set.of("zh", "en"), SupportLevel.L1, Certification.BASIC_OPERATIONS, BEIJING, AgentStrategy.ROUND_ROBIN);
    static final SkillGroup BILLING_FRA = group("fra-billing-l1", "billing", Set.of("en", "de"), SupportLevel.L1, Certification.BASIC_OPERATIONS, FRANKFURT, AgentStrategy.ROUND_ROBIN);
    static final SkillGroup EMERGENCY = new SkillGroup("bj-emergency-l3", "emergency", "emergency", Set.of(), Set.of("zh", "en", "ja"),
            Certification.SYSTEM_FAULTS, SupportLevel.L3, Set.of(), BEIJING, CalendarSpec.parse("24x7"), AgentStrategy.LEAST_LOADED, true);

    static Agent agent(String id, SkillGroup group, Set<String> languages, int capacity) {
        return new Agent(id, id, group.centre().id(), languages, Map.of(group.skill(), 3), Set.of(group.certification()),
                Set.of(group.id()), capacity, 0, Presence.AVAILABLE, null, Set.of(), false);
    }

    static List<Agent> agents() {
        List<Agent> agents = new ArrayList<>();
        agents.add(agent("gen-1", GENERAL, Set.of("zh", "en"), 3));
        agents.add(agent("db-basic-1", DB_L1, Set.of("zh", "en"), 3));
        agents.add(agent("db-expert-1", DB_L2, Set.of("zh", "en"), 2));
        agents.add(agent("sg-en-1", SERVERS_JA, Set.of("en"), 3));
        agents.add(agent("sg-ja-1", SERVERS_JA, Set.of("ja", "en"), 3));
        agents.add(agent("bill-bj-1", BILLING_BJ, Set.of("zh", "en"), 3));
        agents.add(agent("bill-fra-1", BILLING_FRA, Set.of("en", "de"), 3));
        agents.add(agent("emg-1", EMERGENCY, Set.of("zh", "en"), 2));
        agents.add(new Agent("mgr-1", "mgr-1", "beijing", Set.of("zh", "en"), Map.of("general", 5), Set.of(Certification.BASIC_OPERATIONS),
                Set.of(GENERAL.id()), 2, 0, Presence.AVAILABLE, null, Set.of("vip-1"), false));
        return agents;
    }

    static Desk desk() {
        return desk(UnaryOperator.identity());
    }

    /** The fixture with one change to every agent (return the agent unchanged to keep it). */
    static Desk desk(UnaryOperator<Agent> change) {
        return Desk.of(List.of(GENERAL, DB_L1, DB_L2, SERVERS_JA, BILLING_BJ, BILLING_FRA, EMERGENCY),
                agents().stream().map(change).toList());
    }

    static RoutingTicket ticket(String category, String skill, String language, CustomerTier tier, Priority priority) {
        return new RoutingTicket("T-1", "cust-1", tier, language, skill, category, null, priority, false, null,
                SupportLevel.L1, null, null, null, BEIJING_DAY.minusSeconds(60), Set.of());
    }

    static RoutingTicket emergency(String category, String language) {
        return new RoutingTicket("T-E", "cust-2", CustomerTier.STANDARD, language, null, category, null, Priority.P1, true,
                EmergencyLevel.LEVEL_1, SupportLevel.L3, null, null, null, BEIJING_DAY, Set.of());
    }

    static RoutingTicket vip(String customer) {
        return new RoutingTicket("T-V", customer, CustomerTier.VIP, "zh", null, "business.product-usage", null, Priority.P3, false,
                null, SupportLevel.L1, null, null, "Asia/Shanghai", BEIJING_DAY, Set.of());
    }

    static Set<Priority> allPriorities() {
        return EnumSet.of(Priority.P1, Priority.P2, Priority.P3, Priority.P4);
    }

    private DeskFixture() {
    }
}
