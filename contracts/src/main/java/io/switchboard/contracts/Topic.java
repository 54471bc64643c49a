package io.switchboard.contracts;

import io.switchboard.contracts.calls.InboundCallEvent;
import io.switchboard.contracts.compensation.CompensationEvent;
import io.switchboard.contracts.feedback.FeedbackEvent;
import io.switchboard.contracts.incidents.InboundIncidentEvent;
import io.switchboard.contracts.outages.InboundOutageEvent;
import io.switchboard.contracts.routing.RoutingEvent;
import io.switchboard.contracts.sla.SlaEvent;
import io.switchboard.contracts.tickets.TicketEvent;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.specific.SpecificRecord;

/**
 * The topic catalog: every Kafka topic of the mesh, its record key and its value envelope.
 * Take topic names from here; nobody types one anywhere else.
 *
 * <p>The record key is always the envelope's {@code subject}, serialized as a UTF-8 string.
 */
public enum Topic {

    INCIDENTS_INBOUND("support.incidents.inbound.v1", "dedup key",
            InboundIncidentEvent.class, InboundIncidentEvent.getClassSchema(), "external", 6, Audience.PARTNER, true),
    CALLS_INBOUND("support.calls.inbound.v1", "call id",
            InboundCallEvent.class, InboundCallEvent.getClassSchema(), "external", 6, Audience.INTERNAL, true),
    OUTAGES_INBOUND("support.outages.inbound.v1", "outage id",
            InboundOutageEvent.class, InboundOutageEvent.getClassSchema(), "external", 6, Audience.INTERNAL, true),
    TICKETS("support.tickets.v1", "ticket id",
            TicketEvent.class, TicketEvent.getClassSchema(), "intake", 12, Audience.INTERNAL, true),
    ROUTING("support.routing.v1", "ticket id",
            RoutingEvent.class, RoutingEvent.getClassSchema(), "routing", 6, Audience.INTERNAL, true),
    SLA("support.sla.v1", "ticket id",
            SlaEvent.class, SlaEvent.getClassSchema(), "escalation", 6, Audience.INTERNAL, true),
    COMPENSATION("support.compensation.v1", "customer id",
            CompensationEvent.class, CompensationEvent.getClassSchema(), "compensation", 3, Audience.INTERNAL, true),
    FEEDBACK("support.feedback.v1", "ticket id",
            FeedbackEvent.class, FeedbackEvent.getClassSchema(), "feedback", 3, Audience.INTERNAL, true);

    /**
     * Who may be given access to a topic besides Switchboard's own services. Partner streams, filtered
     * for partners, come with their own topics; until then only the inbound incident topic is theirs.
     */
    public enum Audience {
        /** Switchboard's services and the company's own systems only; may carry personal data. */
        INTERNAL,
        /** Partners may be granted access (to publish to an inbound topic, or to read a partner stream). */
        PARTNER
    }

    /** Name of the envelope field that holds the event record. */
    public static final String PAYLOAD_FIELD = "payload";

    private final String topicName;
    private final String key;
    private final Class<? extends SpecificRecord> valueType;
    private final Schema valueSchema;
    private final String producer;
    private final int partitions;
    private final Audience audience;
    private final boolean released;

    Topic(String topicName, String key, Class<? extends SpecificRecord> valueType, Schema valueSchema,
            String producer, int partitions, Audience audience, boolean released) {
        this.topicName = topicName;
        this.key = key;
        this.valueType = valueType;
        this.valueSchema = valueSchema;
        this.producer = producer;
        this.partitions = partitions;
        this.audience = audience;
        this.released = released;
    }

    /** The Kafka topic name, e.g. {@code support.tickets.v1}. */
    public String topicName() {
        return topicName;
    }

    /** The dead-letter topic of this topic: its name plus {@code .dlq}. */
    public String deadLetterTopicName() {
        return topicName + ".dlq";
    }

    /** What the record key is, e.g. "ticket id". */
    public String key() {
        return key;
    }

    /** The generated envelope class of the record value. */
    public Class<? extends SpecificRecord> valueType() {
        return valueType;
    }

    /** The envelope's schema, fully resolved, as the generated class presents it. */
    public Schema valueSchema() {
        return valueSchema;
    }

    /** The registry artifact id of the value schema under the topic-name strategy. */
    public String valueSubject() {
        return topicName + "-value";
    }

    /** The service that owns and publishes the topic, or "external" for inbound topics. */
    public String producer() {
        return producer;
    }

    public int partitions() {
        return partitions;
    }

    /** Who may be given access to the topic besides Switchboard's own services. */
    public Audience audience() {
        return audience;
    }

    /**
     * Whether the topic's schema is released: its producer has shipped, so the compatibility gate holds it
     * to its released baseline in {@code contracts/released/}. An unreleased topic's schema is free to
     * change; the issue that first ships its producer releases it ({@code make release-schemas}).
     */
    public boolean released() {
        return released;
    }

    /** Simple names of the event records the payload union allows, e.g. TicketOpened. */
    public List<String> eventTypes() {
        return valueSchema.getField(PAYLOAD_FIELD).schema().getTypes().stream().map(Schema::getName).toList();
    }

    public static Topic fromTopicName(String topicName) {
        for (Topic topic : values()) {
            if (topic.topicName.equals(topicName)) {
                return topic;
            }
        }
        throw new IllegalArgumentException("Unknown topic: " + topicName);
    }

    /** The simple name of the envelope's payload record, the value its {@code eventType} must carry. */
    public static String eventTypeOf(SpecificRecord envelope) {
        return payloadSchemaOf(envelope).getName();
    }

    /** The full name of the envelope's payload record, used as the CloudEvents {@code ce_type}. */
    public static String cloudEventTypeOf(SpecificRecord envelope) {
        return payloadSchemaOf(envelope).getFullName();
    }

    private static Schema payloadSchemaOf(SpecificRecord envelope) {
        Schema.Field field = envelope.getSchema().getField(PAYLOAD_FIELD);
        if (field == null) {
            throw new IllegalArgumentException(envelope.getSchema().getFullName() + " is not an envelope");
        }
        if (!(envelope.get(field.pos()) instanceof GenericContainer payload)) {
            throw new IllegalArgumentException(envelope.getSchema().getName() + " has no payload");
        }
        return payload.getSchema();
    }
}
