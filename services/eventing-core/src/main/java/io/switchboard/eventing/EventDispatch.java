package io.switchboard.eventing;

import io.switchboard.contracts.Topic;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The event types a handler acts on, each with its typed callback:
 *
 * <pre>{@code
 * EventDispatch.forTopic(Topic.CALLS_INBOUND)
 *         .on(CallReceived.class, (call, metadata) -> phones.take(...));
 * }</pre>
 *
 * The consumer reads a record's {@code ce_type} header first: a type the handler did not declare is
 * skipped before decoding (counted as {@code outcome="skipped"}, never dead-lettered), so that a
 * producer may add an event type to a topic without older consumers dead-lettering it. A record
 * without the header is decoded and skipped in the same way when its payload is of an undeclared
 * type. The {@code ce_type} of a payload class is its Avro full name, as
 * {@link Topic#cloudEventTypeOf} derives it.
 */
public final class EventDispatch {

    /** What a handler does with one event type; runs in the consumer's transaction. */
    @FunctionalInterface
    public interface Callback<P extends SpecificRecord> {
        void accept(P payload, EventMetadata metadata);
    }

    private final Topic topic;
    private final Map<String, Callback<SpecificRecord>> callbacks = new LinkedHashMap<>();
    private final Map<String, Class<?>> types = new LinkedHashMap<>();

    private EventDispatch(Topic topic) {
        this.topic = topic;
    }

    public static EventDispatch forTopic(Topic topic) {
        return new EventDispatch(topic);
    }

    /**
     * Acts on events whose payload is a {@code type}. Throws {@link IllegalArgumentException} when
     * the topic's payload union has no such event, or when the type is declared twice.
     */
    @SuppressWarnings("unchecked")
    public <P extends SpecificRecord> EventDispatch on(Class<P> type, Callback<? super P> callback) {
        String cloudEventType = cloudEventType(type);
        Schema payload = topic.valueSchema().getField(Topic.PAYLOAD_FIELD).schema();
        boolean inUnion = payload.getType() == Schema.Type.UNION
                ? payload.getIndexNamed(cloudEventType) != null
                : payload.getFullName().equals(cloudEventType);
        if (!inUnion) {
            throw new IllegalArgumentException(cloudEventType + " is not an event of " + topic.topicName());
        }
        if (types.putIfAbsent(cloudEventType, type) != null) {
            throw new IllegalArgumentException(cloudEventType + " is declared twice");
        }
        callbacks.put(cloudEventType, (Callback<SpecificRecord>) callback);
        return this;
    }

    public Topic topic() {
        return topic;
    }

    /** The {@code ce_type} values of the declared event types. */
    public Set<String> cloudEventTypes() {
        return Collections.unmodifiableSet(types.keySet());
    }

    public boolean handles(String cloudEventType) {
        return types.containsKey(cloudEventType);
    }

    /** Calls the callback of the envelope's payload; false (and nothing called) when none is declared. */
    boolean dispatch(SpecificRecord envelope, EventMetadata metadata) {
        Object payload = envelope.get(envelope.getSchema().getField(Topic.PAYLOAD_FIELD).pos());
        Callback<SpecificRecord> callback = payload instanceof GenericContainer container
                ? callbacks.get(container.getSchema().getFullName()) : null;
        if (callback == null) {
            return false;
        }
        callback.accept((SpecificRecord) payload, metadata);
        return true;
    }

    /** The CloudEvents type of a payload class: its Avro full name. */
    static String cloudEventType(Class<? extends SpecificRecord> type) {
        return SpecificData.get().getSchema(type).getFullName();
    }
}
