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
            InboundIncidentEvent.class, InboundIncidentEvent.getClassSchema(), "external", 6),
    CALLS_INBOUND("support.calls.inbound.v1", "call id",
            InboundCallEvent.class, InboundCallEvent.getClassSchema(), "external", 6),
    OUTAGES_INBOUND("support.outages.inbound.v1", "outage id",
            InboundOutageEvent.class, InboundOutageEvent.getClassSchema(), "external", 6),
    TICKETS("support.tickets.v1", "ticket id",
            TicketEvent.class, TicketEvent.getClassSchema(), "intake", 12),
    ROUTING("support.routing.v1", "ticket id",
            RoutingEvent.class, RoutingEvent.getClassSchema(), "routing", 6),
    SLA("support.sla.v1", "ticket id",
            SlaEvent.class, SlaEvent.getClassSchema(), "escalation", 6),
    COMPENSATION("support.compensation.v1", "customer id",
            CompensationEvent.class, CompensationEvent.getClassSchema(), "compensation", 3),
    FEEDBACK("support.feedback.v1", "ticket id",
            FeedbackEvent.class, FeedbackEvent.getClassSchema(), "feedback", 3);

    /** Name of the envelope field that holds the event record. */
    public static final String PAYLOAD_FIELD = "payload";

    private final String topicName;
    private final String key;
    private final Class<? extends SpecificRecord> valueType;
    private final Schema valueSchema;
    private final String producer;
    private final int partitions;

    Topic(String topicName, String key, Class<? extends SpecificRecord> valueType, Schema valueSchema,
            String producer, int partitions) {
        this.topicName = topicName;
        this.key = key;
        this.valueType = valueType;
        this.valueSchema = valueSchema;
        this.producer = producer;
        this.partitions = partitions;
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
