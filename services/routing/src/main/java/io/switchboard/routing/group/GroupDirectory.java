package io.switchboard.routing.group;

import io.switchboard.calendar.CalendarSpec;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.routing.domain.AgentStrategy;
import io.switchboard.routing.domain.Certification;
import io.switchboard.web.errors.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Centres and skill groups: definitions, validated before anything is written. */
@ApplicationScoped
public class GroupDirectory {

    public record CentreDefinition(String zone, List<LocalDate> publicHolidays) {
    }

    public record GroupDefinition(String name, String skill, List<String> products, List<String> languages,
                                  Certification certification, SupportLevel level, List<CustomerTier> tiers, String centre,
                                  String hours, AgentStrategy strategy, boolean emergency) {
    }

    private final DeskReader desks;
    private final Clock clock;

    GroupDirectory(DeskReader desks, Clock clock) {
        this.desks = desks;
        this.clock = clock;
    }

    @Transactional
    public boolean defineCentre(String id, CentreDefinition d) {
        try {
            ZoneId.of(d.zone());
        } catch (DateTimeException e) {
            throw new InvalidInputException("zone", "'" + d.zone() + "' is not a time zone id such as Asia/Shanghai");
        }
        CentreRow row = CentreRow.findById(id);
        boolean created = row == null;
        if (created) {
            row = new CentreRow();
            row.id = id;
        }
        row.zone = d.zone();
        row.publicHolidays = d.publicHolidays() == null ? new ArrayList<>() : d.publicHolidays().stream().map(LocalDate::toString).toList();
        if (created) {
            row.persist();
        }
        desks.invalidate();
        return created;
    }

    @Transactional
    public boolean defineGroup(String id, GroupDefinition d) {
        CentreRow centre = CentreRow.findById(d.centre());
        if (centre == null) {
            throw new InvalidInputException("centre", "no centre '" + d.centre() + "'");
        }
        try {
            CalendarSpec.parse(DeskReader.hoursSpec(d.hours(), DeskReader.toCentre(centre)));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("hours", e.getMessage());
        }
        if (d.tiers() != null && d.tiers().contains(CustomerTier.UNKNOWN) || d.level() == SupportLevel.UNKNOWN) {
            throw new InvalidInputException(d.level() == SupportLevel.UNKNOWN ? "level" : "tiers", "UNKNOWN is not a value to configure");
        }
        SkillGroupRow row = SkillGroupRow.findById(id);
        boolean created = row == null;
        if (created) {
            row = new SkillGroupRow();
            row.id = id;
        }
        row.name = d.name();
        row.skill = d.skill().toLowerCase(Locale.ROOT);
        row.products = d.products() == null ? new ArrayList<>() : new ArrayList<>(d.products());
        row.languages = d.languages().stream().map(l -> l.toLowerCase(Locale.ROOT)).toList();
        row.certification = d.certification().name();
        row.level = d.level().name();
        row.tiers = d.tiers() == null ? new ArrayList<>() : d.tiers().stream().map(Enum::name).toList();
        row.centreId = d.centre();
        row.hours = d.hours().strip();
        row.strategy = d.strategy().name();
        row.emergency = d.emergency();
        row.updatedAt = clock.instant();
        if (created) {
            row.persist();
        }
        desks.invalidate();
        return created;
    }
}
