package io.switchboard.escalation;

import io.restassured.http.ContentType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.contracts.common.TicketClass;
import io.switchboard.contracts.common.Urgency;
import io.switchboard.contracts.tickets.AcknowledgerKind;
import io.switchboard.contracts.tickets.TicketAcknowledged;
import io.switchboard.contracts.tickets.TicketOpened;
import io.switchboard.contracts.sla.SlaEvent;
import io.switchboard.eventing.CloudEventHeaders;
import io.switchboard.eventing.Envelopes;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.EventSerde;
import io.switchboard.eventing.KafkaProducers;
import io.switchboard.testkit.LocalStack;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;

/**
 * What intake and routing would publish, put on the real topics by the test, and a way to read
 * support.sla.v1 back. The policy it installs gives category {@code test.fast} targets of seconds.
 */
public final class TicketFeed implements AutoCloseable {

    /** First response 4 s, resolution 20 s, around the clock: warnings at 3 s and 3.6 s, the breach at 4 s. */
    public static final String FAST = "first-response=4s; resolution=20s; l1-budget=1h; basis=24x7";

    private static volatile boolean ready;
    /** From when the fast policy version is in effect (its versions apply to events after their publication). */
    private static volatile Instant fastSince = Instant.EPOCH;

    private final EventSerde serde;
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            KafkaProducers.reliable(LocalStack.bootstrapServers(), "escalation-test-feed"), new StringSerializer(), new ByteArraySerializer());

    public TicketFeed(EventSerde serde) {
        this.serde = serde;
    }

    /**
     * Publishes the short-target policy version and waits until the consumers read from the topics'
     * end (tests start them at the end: a ticket sent before the group is assigned would be missed).
     */
    public TicketFeed ready() throws Exception {
        if (ready) {
            return this;
        }
        Map<String, String> entries = new java.util.LinkedHashMap<>(given().auth().oauth2(Tokens.operator("ops-test")).get("/api/v1/sla/policy")
                .then().statusCode(200).extract().jsonPath().getMap("entries", String.class, String.class));
        entries.put("rule.*.*.test.fast", FAST);
        // Major incidents of the test run: an update every 3 s, the compensation review 5 s after the impact began.
        entries.put("major-incident.progress-interval", "3s");
        entries.put("major-incident.compensation-review-after", "5s");
        given().auth().oauth2(Tokens.operator("ops-test")).contentType(ContentType.JSON).body(Map.of("entries", entries))
                .post("/api/v1/sla/policy/versions").then().statusCode(201);
        fastSince = Instant.now();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String id = ticketId();
            send(id, opened(id, Instant.now(), "test.warmup"));
            for (int i = 0; i < 20; i++) {
                Thread.sleep(100);
                if (given().auth().oauth2(Tokens.agent("agent-test")).get("/api/v1/sla/tickets/" + id).statusCode() == 200) {
                    ready = true;
                    return this;
                }
            }
        }
        throw new AssertionError("the escalation consumers did not pick up a ticket within 60 s");
    }

    /** When the policy version {@link #ready} installed took effect (the epoch before it did). */
    public static Instant fastSince() {
        return fastSince;
    }

    public static String ticketId() {
        return "T-ESC-" + UUID.randomUUID();
    }

    public static TicketOpened opened(String ticketId, Instant at, String category) {
        return TicketOpened.newBuilder().setTicketId(ticketId).setCustomerId("cust-esc").setCustomerTier(CustomerTier.STANDARD)
                .setChannel(Channel.WEB_CONSOLE).setTicketClass(TicketClass.TECHNICAL).setCategory(category).setProduct("ecs")
                .setRegion("cn-north-1").setLanguage("en").setImpact(Impact.MODERATE).setUrgency(Urgency.MEDIUM).setPriority(Priority.P3)
                .setSupportLevel(SupportLevel.L1).setSummary("console times out").setOpenedAt(at).build();
    }

    public static TicketAcknowledged ack(String ticketId, Instant at, AcknowledgerKind kind) {
        return TicketAcknowledged.newBuilder().setTicketId(ticketId).setAcknowledgedBy(kind == AcknowledgerKind.AGENT ? "agent-1" : "system")
                .setAcknowledgedByKind(kind).setAcknowledgedAt(at).build();
    }

    /** Sends a ticket event as intake would (envelope, CloudEvents headers); returns its envelope for a redelivery. */
    public SpecificRecord send(String ticketId, SpecificRecord payload) throws Exception {
        return send(Topic.TICKETS, ticketId, payload);
    }

    public SpecificRecord send(Topic topic, String key, SpecificRecord payload) throws Exception {
        SpecificRecord envelope = Envelopes.wrap(topic, key, payload, topic.producer(), Instant.now(), null);
        resend(topic, envelope);
        return envelope;
    }

    /** Sends the same envelope (same event id) again, as a relay re-send would. */
    public void resend(Topic topic, SpecificRecord envelope) throws Exception {
        EventMetadata meta = EventMetadata.of(envelope);
        Headers headers = CloudEventHeaders.of(meta.eventId(), meta.cloudEventType(), meta.producer(), meta.subject(), meta.occurredAt());
        raw(topic.topicName(), meta.subject(), serde.serialize(topic, envelope), headers);
    }

    public void raw(String topic, String key, byte[] value, Headers headers) throws Exception {
        producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(30, TimeUnit.SECONDS);
    }

    public static boolean keyed(ConsumerRecord<byte[], byte[]> record, String key) {
        return record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8));
    }

    /**
     * The SLA events of these records, each event once: the outbox relay delivers at least once (a
     * re-send after a lost acknowledgement repeats an event id), and a consumer takes an id once.
     */
    public List<SlaEvent> decode(List<ConsumerRecord<byte[], byte[]>> records) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        return records.stream().map(r -> (SlaEvent) serde.deserialize(Topic.SLA, r.value())).filter(e -> ids.add(e.getEventId())).toList();
    }

    /** Every SLA event about the ticket that arrives within {@code window}. */
    public List<SlaEvent> slaEvents(TopicProbe sla, String ticketId, Duration window) {
        return decode(sla.collect(r -> keyed(r, ticketId), window));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
