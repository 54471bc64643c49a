package io.switchboard.routing.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * A regional support centre (Beijing, Frankfurt, ...): its time zone, in which its groups' opening
 * hours are read, and its public holidays, on which everything is served and the holiday plan adds
 * temporary seats.
 */
public record Centre(String id, ZoneId zone, Set<LocalDate> publicHolidays) {

    public Centre {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(zone, "zone");
        publicHolidays = Set.copyOf(publicHolidays);
    }

    public boolean isHoliday(Instant t) {
        return publicHolidays.contains(LocalDate.ofInstant(t, zone));
    }
}
