package io.switchboard.eventing;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** CloudEvents 1.0 Kafka protocol binding, binary mode: the attributes as {@code ce_} headers. */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";
    public static final String AVRO = "application/avro";

    public static Headers of(String eventId, String type, String producer, String subject, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, ID, eventId);
        add(headers, TYPE, type);
        add(headers, SOURCE, source(producer));
        add(headers, SUBJECT, subject);
        add(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        add(headers, SPEC_VERSION, "1.0");
        add(headers, CONTENT_TYPE, AVRO);
        return headers;
    }

    public static String source(String producer) {
        return "/switchboard/" + producer;
    }


    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private CloudEventHeaders() {
    }
}
