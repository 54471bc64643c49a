package io.switchboard.escalation.clock;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.escalation.domain.TicketFact;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A ticket's facts and published notice keys as JSON text in its row; the domain's records stay free of annotations. */
@ApplicationScoped
public class FactCodec {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = TicketFact.Opened.class, name = "opened"),
            @JsonSubTypes.Type(value = TicketFact.Reclassified.class, name = "reclassified"),
            @JsonSubTypes.Type(value = TicketFact.Acknowledged.class, name = "acknowledged"),
            @JsonSubTypes.Type(value = TicketFact.StatusChanged.class, name = "status"),
            @JsonSubTypes.Type(value = TicketFact.ProgressUpdated.class, name = "progress"),
            @JsonSubTypes.Type(value = TicketFact.Assigned.class, name = "assigned"),
            @JsonSubTypes.Type(value = TicketFact.EscalatedByHand.class, name = "escalated"),
            @JsonSubTypes.Type(value = TicketFact.Resolved.class, name = "resolved"),
            @JsonSubTypes.Type(value = TicketFact.Reopened.class, name = "reopened"),
            @JsonSubTypes.Type(value = TicketFact.Closed.class, name = "closed")})
    interface FactTypes {
    }

    private static final TypeReference<List<TicketFact>> FACTS = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashSet<String>> KEYS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    FactCodec(ObjectMapper mapper) {
        this.json = mapper.copy().addMixIn(TicketFact.class, FactTypes.class);
    }

    public List<TicketFact> facts(String text) {
        return new ArrayList<>(read(text, FACTS));
    }

    public Set<String> keys(String text) {
        return read(text, KEYS);
    }

    public String write(List<TicketFact> facts) {
        try {
            return json.writerFor(FACTS).writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write facts", e);
        }
    }

    public String write(Set<String> keys) {
        try {
            return json.writeValueAsString(keys);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write notice keys", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a ticket's stored JSON", e);
        }
    }
}
