package io.switchboard.routing.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An agent as routing sees them at one moment: what they can do (skills with levels 1-5,
 * certifications, languages, groups), how much (capacity: tickets held at once), what they hold
 * (load), whether they are at work (presence) and whose dedicated manager they are. A temporary
 * agent is a holiday seat: on duty only on its centre's public holidays.
 *
 * @param lastAssignedAt null when never assigned
 */
public record Agent(String id, String name, String centre, Set<String> languages, Map<String, Integer> skills,
                    Set<Certification> certifications, Set<String> groups, int capacity, int load, Presence presence,
                    Instant lastAssignedAt, Set<String> managedCustomers, boolean temporary) {

    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(presence, "presence");
        languages = Set.copyOf(languages);
        skills = Map.copyOf(skills);
        certifications = Set.copyOf(certifications);
        groups = Set.copyOf(groups);
        managedCustomers = Set.copyOf(managedCustomers);
    }

    public boolean hasRoom() {
        return load < capacity;
    }

    /** Share of capacity in use, 0..1 (1 for an agent without capacity). */
    public double utilisation() {
        return capacity <= 0 ? 1.0 : (double) load / capacity;
    }

    public Agent withLoad(int newLoad) {
        return new Agent(id, name, centre, languages, skills, certifications, groups, capacity, newLoad, presence,
                lastAssignedAt, managedCustomers, temporary);
    }

    public Agent withPresence(Presence newPresence) {
        return new Agent(id, name, centre, languages, skills, certifications, groups, capacity, load, newPresence,
                lastAssignedAt, managedCustomers, temporary);
    }
}
