package io.switchboard.compensation.flow;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.compensation.CompensationStack;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.contracts.common.TicketClass;
import io.switchboard.contracts.common.TicketStatus;
import io.switchboard.contracts.common.Urgency;
import io.switchboard.contracts.compensation.CreditIssued;
import io.switchboard.contracts.sla.SlaTarget;
import io.switchboard.contracts.sla.SlaWarning;
import io.switchboard.contracts.tickets.AcknowledgerKind;
import io.switchboard.contracts.tickets.TicketAcknowledged;
import io.switchboard.contracts.tickets.TicketOpened;
import io.switchboard.eventing.CloudEventHeaders;
import io.switchboard.eventing.Envelopes;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.LocalStack;
import io.switchboard.testkit.Tokens;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static io.switchboard.compensation.flow.Fixtures.payload;
import static io.switchboard.compensation.flow.Fixtures.unique;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ticket and SLA consumers read a poll at a time: records published together (one produce request per
 * partition) are applied in one transaction, with the same results as one by one; a poison record among them goes
 * to the dead-letter topic alone; the same records delivered again change nothing.
 */
@QuarkusTest
@QuarkusTestResource(CompensationStack.class)
class BatchFlowTest {

    static final Duration WAIT = Duration.ofSeconds(150);

    @Inject
    EventSerde serde;
    @Inject
    AgroalDataSource db;
    @Inject
    MeterRegistry meters;

    @Test
    void ticketOpeningsPublishedTogetherAreKeptOnceAsStatementEvidence() throws Exception {
        Fixtures.Customer c = Fixtures.customerWithSubscription();
        Instant outageStart = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        given().auth().oauth2(Tokens.operator("noc")).contentType(ContentType.JSON)
                .body(Map.of("product", c.product(), "region", "cn-beijing", "startedAt", outageStart.toString(),
                        "endedAt", outageStart.plus(Duration.ofHours(1)).toString()))
                .post("/api/v1/compensation/outages").then().statusCode(201);
        List<String> tickets = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> poll = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String ticket = unique("t");
            tickets.add(ticket);
            Instant opened = outageStart.plus(Duration.ofMinutes(10 + i));
            poll.add(record(Topic.TICKETS, ticket, opened(ticket, c.id(), c.product(), "first report", opened)));
            // Of the types this service skips, on the same ticket, before and after its opening's repeat.
            poll.add(record(Topic.TICKETS, ticket, TicketAcknowledged.newBuilder().setTicketId(ticket).setAcknowledgedBy("agent-1")
                    .setAcknowledgedAt(opened.plusSeconds(30)).setAcknowledgedByKind(AcknowledgerKind.AGENT).setFirstResponse(true)
                    .setPreviousStatus(TicketStatus.OPEN).build()));
            if (i % 10 == 0) {
                // The same ticket opened again under a new event id: the first opening stays.
                poll.add(record(Topic.TICKETS, ticket, opened(ticket, c.id(), c.product(), "second report", opened.plusSeconds(60))));
            }
            if (i == 15) {
                poll.add(poison(Topic.TICKETS, ticket, TicketOpened.class));
            }
        }
        String strangerTicket = unique("t"); // another customer's ticket in the same poll
        poll.add(record(Topic.TICKETS, strangerTicket, opened(strangerTicket, unique("cust"), c.product(), "not ours", outageStart)));

        try (TopicProbe dead = TopicProbe.open(Topic.TICKETS.deadLetterTopicName())) {
            publishTogether(poll);
            awaitRows("select count(*) from customer_ticket where customer_id = ?", c.id(), tickets.size());
            assertEquals(1, dead.await(keyIn(Set.copyOf(tickets)), 1, WAIT).size());
            assertEquals(1, dead.collect(keyIn(Set.copyOf(tickets)), Duration.ofSeconds(2)).size(), "only the poison is dead-lettered");
        }
        awaitRows("select count(*) from customer_ticket where ticket_id = ?", strangerTicket, 1);
        assertEquals(tickets.size(), count("select count(*) from customer_ticket where customer_id = ? and summary = 'first report'", c.id()));
        assertEquals(1, count("select count(*) from customer_ticket where ticket_id = ?", strangerTicket));

        String month = YearMonth.from(outageStart.atZone(ZoneOffset.UTC)).toString();
        given().auth().oauth2(Tokens.supervisor("sup-1")).get("/api/v1/compensation/customers/" + c.id() + "/statements/" + month)
                .then().statusCode(200).body("subscriptions[0].outages", hasSize(1))
                .body("subscriptions[0].outages[0].evidenceTickets", containsInAnyOrder(tickets.toArray()));

        // The whole poll delivered again (the same event ids): every opening is a duplicate, nothing changes.
        double duplicates = consumed(Topic.TICKETS, "compensation.customer-tickets", "duplicate");
        publishTogether(poll.stream().filter(r -> !isPoison(r)).toList());
        awaitCounter(Topic.TICKETS, "compensation.customer-tickets", "duplicate", duplicates + tickets.size() + 4);
        assertEquals(tickets.size(), count("select count(*) from customer_ticket where customer_id = ? and summary = 'first report'", c.id()));
    }

    @Test
    void breachesPublishedTogetherShareTheMonthsCapAsOneByOneAndARepeatEarnsNothing() throws Exception {
        String policy = unique("pol").replace("pol-", "pol");
        given().auth().oauth2(Tokens.operator("op")).contentType(ContentType.JSON)
                .body(Map.of("spec", "id=" + policy + "; version=1; method=per-minute; coefficients=99.95:1.25; cap=12; "
                        + "support-breach=ENTERPRISE/P1/FIRST_RESPONSE:5"))
                .post("/api/v1/compensation/policies").then().statusCode(201);
        String customer = unique("cust");
        String product = unique("p");
        Fixtures.subscription(unique("sub"), customer, product, "cn-beijing", "10000.00", "99.95", policy);
        List<String> tickets = List.of(unique("t"), unique("t"), unique("t"));
        List<ProducerRecord<String, byte[]>> poll = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (String ticket : tickets) {
            poll.add(record(Topic.SLA, ticket, SlaWarning.newBuilder().setTicketId(ticket).setCustomerId(customer)
                    .setPolicyId("sla-default").setPolicyVersion(3).setTarget(SlaTarget.FIRST_RESPONSE).setPriority(Priority.P1)
                    .setCustomerTier(CustomerTier.ENTERPRISE).setDueAt(now).setThresholdPercent(80).setWarnedAt(now).build()));
            poll.add(record(Topic.SLA, ticket, SlaFlowTest.breach(ticket, customer, CustomerTier.ENTERPRISE, product)));
        }
        poll.add(poison(Topic.SLA, tickets.get(1), io.switchboard.contracts.sla.SlaBreached.class));
        // The first ticket's breach again, under a new event id, in the same poll: decided once.
        poll.add(record(Topic.SLA, tickets.get(0), SlaFlowTest.breach(tickets.get(0), customer, CustomerTier.ENTERPRISE, product)));

        try (TopicProbe credits = TopicProbe.open(Topic.COMPENSATION.topicName());
             TopicProbe dead = TopicProbe.open(Topic.SLA.deadLetterTopicName())) {
            publishTogether(poll);
            Predicate<ConsumerRecord<byte[], byte[]>> ours = r -> new String(r.key(), StandardCharsets.UTF_8).equals(customer);
            List<BigDecimal> amounts = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : credits.await(ours, 3, WAIT)) {
                amounts.add(((CreditIssued) payload(serde, r)).getAmount().getAmount());
            }
            // 5% of 10,000.00 each, the month capped at 12%: whichever comes third gets what remains.
            assertEquals(List.of(new BigDecimal("200.00"), new BigDecimal("500.00"), new BigDecimal("500.00")),
                    amounts.stream().sorted().toList());
            assertEquals(1, dead.await(keyIn(Set.copyOf(tickets)), 1, WAIT).size());

            // The poll delivered again (the same event ids): nothing more is decided or credited.
            double duplicates = consumed(Topic.SLA, "compensation.sla-events", "duplicate");
            publishTogether(poll.stream().filter(r -> !isPoison(r)).toList());
            awaitCounter(Topic.SLA, "compensation.sla-events", "duplicate", duplicates + 4);
            assertEquals(3, credits.collect(ours, Duration.ofSeconds(3)).size(), "a redelivered breach earns nothing more");
            assertEquals(1, dead.collect(keyIn(Set.copyOf(tickets)), Duration.ofSeconds(1)).size(), "only the poison is dead-lettered");
        }
        assertEquals(3, count("select count(*) from sla_breach where customer_id = ?", customer));
        assertEquals(0, new BigDecimal("1200.00").compareTo(sum("select other_credit from ledger_month where customer_id = ?", customer)));
    }

    private static TicketOpened opened(String ticket, String customer, String product, String summary, Instant at) {
        return TicketOpened.newBuilder().setTicketId(ticket).setCustomerId(customer).setCustomerTier(CustomerTier.ENTERPRISE)
                .setChannel(Channel.PHONE).setTicketClass(TicketClass.TECHNICAL).setCategory("technical.ecs").setSkill("ecs")
                .setLanguage("en").setImpact(Impact.MODERATE).setUrgency(Urgency.HIGH).setPriority(Priority.P2).setEmergency(false)
                .setSupportLevel(SupportLevel.L1).setProduct(product).setRegion("cn-beijing").setSummary(summary)
                .setOpenedAt(at).build();
    }

    /** As the outbox relay publishes: the envelope with its CloudEvents headers (the consumer skips by {@code ce_type}). */
    private ProducerRecord<String, byte[]> record(Topic topic, String key, SpecificRecord payload) {
        SpecificRecord envelope = Envelopes.wrap(topic, key, payload, "test-batch", Instant.now(), null);
        EventMetadata meta = EventMetadata.of(envelope);
        return new ProducerRecord<>(topic.topicName(), null, key, serde.serialize(topic, envelope),
                CloudEventHeaders.of(meta.eventId(), meta.cloudEventType(), meta.producer(), key, meta.occurredAt()));
    }

    /** Bytes that are no Avro envelope, under a type header the handler acts on: decoded, refused, dead-lettered. */
    private static ProducerRecord<String, byte[]> poison(Topic topic, String key, Class<? extends SpecificRecord> type) {
        return new ProducerRecord<>(topic.topicName(), null, key, "not avro".getBytes(StandardCharsets.UTF_8),
                CloudEventHeaders.of(unique("poison"), type.getName(), "test-batch", key, Instant.now()));
    }

    private static boolean isPoison(ProducerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8).equals("not avro");
    }

    /** One produce request per partition (held by the linger until flushed): the records reach the log together. */
    private static void publishTogether(List<ProducerRecord<String, byte[]>> records) {
        Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", LocalStack.bootstrapServers(),
                "linger.ms", 5000, "batch.size", 1_000_000, "acks", "all"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    private static Predicate<ConsumerRecord<byte[], byte[]>> keyIn(Set<String> keys) {
        return r -> r.key() != null && keys.contains(new String(r.key(), StandardCharsets.UTF_8));
    }

    private double consumed(Topic topic, String group, String outcome) {
        Counter counter = meters.find("switchboard.events.consumed").tags("topic", topic.topicName(), "group", group, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private void awaitCounter(Topic topic, String group, String outcome, double atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (consumed(topic, group, outcome) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(group + " counted " + consumed(topic, group, outcome) + " " + outcome + ", expected " + atLeast);
            }
            Thread.sleep(200);
        }
    }

    private void awaitRows(String countQuery, String parameter, int expected) throws Exception {
        Fixtures.awaitCount(db, countQuery, new Object[]{parameter}, expected, WAIT);
    }

    private long count(String query, String parameter) throws Exception {
        return sum(query, parameter).longValueExact();
    }

    private BigDecimal sum(String query, String parameter) throws Exception {
        try (Connection connection = db.getConnection(); PreparedStatement q = connection.prepareStatement(query)) {
            q.setString(1, parameter);
            BigDecimal total = BigDecimal.ZERO;
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    total = total.add(rs.getBigDecimal(1));
                }
            }
            return total;
        }
    }
}
