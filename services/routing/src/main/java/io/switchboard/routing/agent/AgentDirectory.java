package io.switchboard.routing.agent;

import io.switchboard.calendar.CalendarSpec;
import io.switchboard.routing.domain.Certification;
import io.switchboard.routing.domain.Presence;
import io.switchboard.routing.group.CentreRow;
import io.switchboard.routing.group.DeskReader;
import io.switchboard.routing.ticket.Assignments;
import io.switchboard.web.errors.InvalidInputException;
import io.switchboard.web.errors.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Agents: their definition and presence. A change that gives an agent room serves their queues at once. */
@ApplicationScoped
public class AgentDirectory {

    /** An agent's definition as the API takes it. */
    public record Definition(String name, String centre, List<String> languages, Map<String, Integer> skills,
                             List<Certification> certifications, List<String> groups, int capacity,
                             List<String> managedCustomers, String roster) {
    }

    private final DeskReader desks;
    private final AgentMemory memory;
    private final Assignments assignments;
    private final Clock clock;

    AgentDirectory(DeskReader desks, AgentMemory memory, Assignments assignments, Clock clock) {
        this.desks = desks;
        this.memory = memory;
        this.assignments = assignments;
        this.clock = clock;
    }

    /** Creates or replaces the agent's definition; presence and load are kept. Returns true when created. */
    @Transactional
    public boolean define(String id, Definition d) {
        if (CentreRow.findById(d.centre()) == null) {
            throw new InvalidInputException("centre", "no centre '" + d.centre() + "'");
        }
        for (String g : d.groups()) {
            if (desks.group(g) == null) {
                throw new InvalidInputException("groups", "no skill group '" + g + "'");
            }
        }
        if (d.roster() != null && !d.roster().isBlank()) {
            try {
                CalendarSpec.parse(DeskReader.hoursSpec(d.roster(), DeskReader.toCentre(CentreRow.findById(d.centre()))));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("roster", e.getMessage());
            }
        }
        for (Map.Entry<String, Integer> skill : d.skills().entrySet()) {
            if (skill.getValue() == null || skill.getValue() < 1 || skill.getValue() > 5) {
                throw new InvalidInputException("skills", "skill '" + skill.getKey() + "' needs a level from 1 to 5");
            }
        }
        AgentRow row = AgentRow.findById(id);
        boolean created = row == null;
        int oldCapacity = created ? 0 : row.capacity;
        if (created) {
            row = new AgentRow();
            row.id = id;
            row.presence = Presence.OFFLINE.name();
            row.presenceSince = clock.instant();
        }
        row.name = d.name();
        row.centreId = d.centre();
        row.languages = new ArrayList<>(d.languages());
        row.skills = new LinkedHashMap<>(d.skills());
        row.certifications = d.certifications().stream().map(Enum::name).toList();
        row.groups = new ArrayList<>(d.groups());
        row.capacity = d.capacity();
        row.managedCustomers = d.managedCustomers() == null ? new ArrayList<>() : new ArrayList<>(d.managedCustomers());
        row.roster = d.roster() == null || d.roster().isBlank() ? null : d.roster().strip();
        row.updatedAt = clock.instant();
        if (created) {
            row.persist();
        }
        memory.changed(row);
        if (d.capacity() > oldCapacity) {
            row.persistAndFlush();
            assignments.serve(id);
        }
        return created;
    }

    /** Sets the agent's presence; an agent who becomes available takes queued work at once. */
    @Transactional
    public AgentRow setPresence(String id, Presence presence) {
        AgentRow row = AgentRow.findById(id);
        if (row == null) {
            throw new ResourceNotFoundException("agent " + id);
        }
        if (!row.presence.equals(presence.name())) {
            row.presence = presence.name();
            row.presenceSince = clock.instant();
            row.updatedAt = clock.instant();
            row.persistAndFlush();
            memory.changed(row);
        }
        if (presence == Presence.AVAILABLE) {
            assignments.serve(id);
        }
        return row;
    }
}
