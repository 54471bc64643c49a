package io.switchboard.eventing;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.switchboard.contracts.Topic;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Avro events in the framing Confluent clients read: magic byte 0, the 4-byte content id of the
 * writer's schema (equal to the id of the registry's ccompat API), then Avro binary.
 *
 * <p>The first write of a topic goes through Apicurio's serializer, which looks the schema up by
 * content; schemas are registered deliberately (deploy's StackSetup), never by a producer on first
 * use. Later writes reuse the content id it found. Reading resolves
 * the writer schema by id (cached) and decodes into the catalog's generated classes explicitly, so
 * class loading never depends on Avro finding classes by name.
 */
@ApplicationScoped
public class EventSerde {

    private static final byte MAGIC_BYTE = 0;
    private static final int HEADER_LENGTH = 5;

    private final Map<Topic, AvroKafkaSerializer<SpecificRecord>> serializers = new EnumMap<>(Topic.class);
    private final Map<Integer, Schema> writerSchemas = new ConcurrentHashMap<>();
    private final Map<Topic, Integer> contentIds = new ConcurrentHashMap<>();
    private final Map<Topic, SpecificDatumWriter<SpecificRecord>> writers = new ConcurrentHashMap<>();
    private final Map<String, SpecificDatumReader<SpecificRecord>> readers = new ConcurrentHashMap<>();
    private final Map<String, Object> config;
    private final String registryUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    EventSerde(EventingConfig eventing) {
        this(eventing.registryUrl());
    }

    public EventSerde(String registryUrl) {
        this.registryUrl = registryUrl.replaceAll("/+$", "");
        this.config = serdeConfig(registryUrl);
    }

    /** The serializer settings that make the Confluent-compatible framing; shared with tests and tools. */
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
        return config;
    }

    public byte[] serialize(Topic topic, SpecificRecord envelope) {
        if (!topic.valueType().isInstance(envelope)) {
            throw new IllegalArgumentException(envelope.getClass().getSimpleName() + " does not belong on " + topic.topicName());
        }
        Integer contentId = contentIds.get(topic);
        if (contentId == null) {
            byte[] framed = serializeThroughRegistry(topic, envelope);
            contentIds.put(topic, ByteBuffer.wrap(framed, 1, 4).getInt());
            return framed;
        }
        // Once the registry has named the schema's id, encode directly: Apicurio's serializer
        // fingerprints the whole (large) envelope schema on every call, which dominated the cost.
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            out.write(MAGIC_BYTE);
            out.write(ByteBuffer.allocate(4).putInt(contentId).array());
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writers.computeIfAbsent(topic, t -> new SpecificDatumWriter<>(t.valueSchema(), specificData(t))).write(envelope, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + topic.valueType().getSimpleName(), e);
        }
    }

    private byte[] serializeThroughRegistry(Topic topic, SpecificRecord envelope) {
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

    /**
     * Decodes a record value of {@code topic}. Throws {@link IllegalArgumentException} for bytes that
     * are not a registered event of this topic, {@link RegistryUnavailableException} when the schema
     * could not be fetched (worth retrying, not a poison record).
     */
    public SpecificRecord deserialize(Topic topic, byte[] value) {
        if (value == null || value.length <= HEADER_LENGTH || value[0] != MAGIC_BYTE) {
            throw new IllegalArgumentException("not a registry-framed Avro record (magic byte 0 and a 4-byte schema id)");
        }
        int schemaId = ByteBuffer.wrap(value, 1, 4).getInt();
        SpecificDatumReader<SpecificRecord> reader = readers.computeIfAbsent(topic.name() + "/" + schemaId,
                key -> new SpecificDatumReader<>(writerSchema(schemaId), topic.valueSchema(), specificData(topic)));
        try {
            SpecificRecord decoded = reader.read(null, DecoderFactory.get().binaryDecoder(value, HEADER_LENGTH,
                    value.length - HEADER_LENGTH, null));
            if (!topic.valueType().isInstance(decoded)) {
                throw new IllegalArgumentException("not a " + topic.valueType().getSimpleName());
            }
            return decoded;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException illegal) {
                throw illegal;
            }
            throw new IllegalArgumentException("cannot decode with schema " + schemaId + ": " + e, e);
        }
    }

    private Schema writerSchema(int contentId) {
        return writerSchemas.computeIfAbsent(contentId, id -> {
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(URI.create(registryUrl + "/ids/contentIds/" + id))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new RegistryUnavailableException("schema registry unreachable: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("interrupted while fetching schema " + id, e);
            }
            if (response.statusCode() == 404) {
                throw new IllegalArgumentException("no schema with id " + id + " in the registry");
            }
            if (response.statusCode() != 200) {
                throw new RegistryUnavailableException("schema registry answered " + response.statusCode() + " for id " + id, null);
            }
            return new Schema.Parser().parse(response.body());
        });
    }

    private static SpecificData specificData(Topic topic) {
        SpecificData data = new SpecificData(topic.valueType().getClassLoader());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        return data;
    }

    /** The registry could not be asked: the record is probably fine, so retry rather than dead-letter it. */
    public static class RegistryUnavailableException extends RuntimeException {
        RegistryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @PreDestroy
    void close() {
        serializers.values().forEach(AvroKafkaSerializer::close);
    }
}
