package io.switchboard.eventing;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.switchboard.contracts.Topic;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Avro (de)serialization through Apicurio Registry in the framing Confluent clients read: magic
 * byte 0, then the 4-byte content id, which equals the id of the registry's ccompat API. Schemas
 * are registered deliberately (deploy's StackSetup), never by a producer on first use.
 */
@ApplicationScoped
public class EventSerde {

    private final Map<Topic, AvroKafkaSerializer<SpecificRecord>> serializers = new EnumMap<>(Topic.class);
    private final Map<Topic, AvroKafkaDeserializer<SpecificRecord>> deserializers = new EnumMap<>(Topic.class);
    private final Map<String, Object> config;

    EventSerde(EventingConfig eventing) {
        this(eventing.registryUrl());
    }

    public EventSerde(String registryUrl) {
        this.config = serdeConfig(registryUrl);
    }

    /** The serde settings that make the Confluent-compatible framing; shared with tests and tools. */
    public static Map<String, Object> serdeConfig(String registryUrl) {
        Map<String, Object> config = new HashMap<>();
        config.put("apicurio.registry.url", registryUrl);
        config.put("apicurio.registry.use-id", "contentId");
        config.put("apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler");
        config.put("apicurio.registry.headers.enabled", false);
        config.put("apicurio.registry.artifact-resolver-strategy", "io.apicurio.registry.serde.strategy.TopicIdStrategy");
        config.put("apicurio.registry.auto-register", false);
        config.put("apicurio.registry.find-latest", false);
        config.put("apicurio.registry.dereference-schema", true);
        config.put("apicurio.registry.use-specific-avro-reader", true);
        return config;
    }

    public byte[] serialize(Topic topic, SpecificRecord envelope) {
        if (!topic.valueType().isInstance(envelope)) {
            throw new IllegalArgumentException(envelope.getClass().getSimpleName() + " does not belong on " + topic.topicName());
        }
        AvroKafkaSerializer<SpecificRecord> serializer;
        synchronized (serializers) {
            serializer = serializers.computeIfAbsent(topic, t -> {
                AvroKafkaSerializer<SpecificRecord> created = new AvroKafkaSerializer<>();
                created.configure(config, false);
                return created;
            });
        }
        return serializer.serialize(topic.topicName(), envelope);
    }

    /** Decodes a record value; throws on bytes that are not a registered event of this topic. */
    public SpecificRecord deserialize(Topic topic, byte[] value) {
        AvroKafkaDeserializer<SpecificRecord> deserializer;
        synchronized (deserializers) {
            deserializer = deserializers.computeIfAbsent(topic, t -> {
                AvroKafkaDeserializer<SpecificRecord> created = new AvroKafkaDeserializer<>();
                created.configure(config, false);
                return created;
            });
        }
        Object decoded = deserializer.deserialize(topic.topicName(), value);
        if (!topic.valueType().isInstance(decoded)) {
            throw new IllegalArgumentException("not a " + topic.valueType().getSimpleName() + ": "
                    + (decoded == null ? "null" : decoded.getClass().getName()));
        }
        return (SpecificRecord) decoded;
    }

    @PreDestroy
    void close() {
        serializers.values().forEach(AvroKafkaSerializer::close);
        deserializers.values().forEach(AvroKafkaDeserializer::close);
    }
}
