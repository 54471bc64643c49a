package io.switchboard.eventing.mongo;

import io.switchboard.eventing.CloudEventHeaders;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An event ready for Kafka: the destination topic, the record key, the value bytes, the headers,
 * and the envelope's metadata (kept beside the bytes so that operators can read a pending or
 * parked event without decoding it).
 *
 * @param topicName  the Kafka topic; a production encoder answers {@code topic.topicName()}
 * @param key        the record key; the envelope's subject (one key: the key is the subject)
 * @param eventId    the envelope's event id, also {@code ce_id}; consumers dedup by it
 * @param type       the CloudEvents type, the payload record's full name
 * @param subject    the envelope's subject
 * @param time       when the event happened
 * @param producer   the producing service
 * @param payload    the record value
 * @param headers    the record headers, in order (the CloudEvents binary-mode attributes)
 */
public record EncodedEvent(String topicName, String key, String eventId, String type, String subject, Instant time,
                           String producer, byte[] payload, Map<String, String> headers) {

    public static final String CE_ID = CloudEventHeaders.ID;
    public static final String CE_TYPE = CloudEventHeaders.TYPE;
    public static final String CE_SOURCE = CloudEventHeaders.SOURCE;
    public static final String CE_SUBJECT = CloudEventHeaders.SUBJECT;
    public static final String CE_TIME = CloudEventHeaders.TIME;
    public static final String CE_SPEC_VERSION = CloudEventHeaders.SPEC_VERSION;
    public static final String CONTENT_TYPE = CloudEventHeaders.CONTENT_TYPE;

    public EncodedEvent {
        Objects.requireNonNull(topicName, "topicName");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(payload, "payload");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /**
     * An event whose headers are the CloudEvents 1.0 Kafka binding attributes, binary mode, with
     * the key equal to the subject: what every Switchboard event carries.
     */
    public static EncodedEvent withCloudEventHeaders(String topicName, String eventId, String type, String subject,
                                                     Instant time, String producer, byte[] payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CE_ID, eventId);
        headers.put(CE_TYPE, type);
        headers.put(CE_SOURCE, CloudEventHeaders.source(producer));
        headers.put(CE_SUBJECT, subject);
        headers.put(CE_TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        headers.put(CE_SPEC_VERSION, "1.0");
        headers.put(CONTENT_TYPE, CloudEventHeaders.AVRO);
        return new EncodedEvent(topicName, subject, eventId, type, subject, time, producer, payload, headers);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncodedEvent that && topicName.equals(that.topicName) && key.equals(that.key)
                && eventId.equals(that.eventId) && Objects.equals(type, that.type)
                && Objects.equals(subject, that.subject) && Objects.equals(time, that.time)
                && Objects.equals(producer, that.producer) && Arrays.equals(payload, that.payload)
                && headers.equals(that.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topicName, key, eventId) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "EncodedEvent[" + eventId + " " + type + " to " + topicName + " key " + key + ", " + payload.length + " bytes]";
    }
}
