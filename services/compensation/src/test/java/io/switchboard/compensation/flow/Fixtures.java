package io.switchboard.compensation.flow;

import io.restassured.http.ContentType;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.compensation.CompensationEvent;
import io.switchboard.eventing.Envelopes;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.LocalStack;
import io.switchboard.testkit.Tokens;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** What the flow tests share: unique names, subscriptions over REST, events onto real topics. */
final class Fixtures {

    private Fixtures() {
    }

    /** A name no other test (of any service) uses, so assertions see only this test's data. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void subscription(String id, String customer, String product, String region, String fee, String commitment,
                             String policy) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("customerId", customer, "product", product, "region", region,
                "monthlyFee", fee, "currency", "CNY", "commitment", commitment, "billingTimeZone", "UTC",
                "resourceIds", List.of()));
        if (policy != null) {
            body.put("policyId", policy);
        }
        given().auth().oauth2(Tokens.system("billing")).contentType(ContentType.JSON).body(body)
                .put("/api/v1/compensation/subscriptions/" + id).then().statusCode(201);
    }

    /** A customer with one subscription (fee 10,000.00 CNY, 99.95%, default policy) to a product of its own. */
    record Customer(String id, String product, String subscription) {
    }

    static Customer customerWithSubscription() {
        Customer c = new Customer(unique("cust"), unique("p"), unique("sub"));
        subscription(c.subscription(), c.id(), c.product(), "cn-beijing", "10000.00", "99.95", null);
        return c;
    }

    /** Waits until {@code countQuery} counts at least {@code expected} rows. */
    static void awaitCount(javax.sql.DataSource db, String countQuery, Object[] parameters, int expected, java.time.Duration wait)
            throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            try (java.sql.Connection c = db.getConnection(); java.sql.PreparedStatement q = c.prepareStatement(countQuery)) {
                for (int i = 0; i < parameters.length; i++) {
                    q.setObject(i + 1, parameters[i] instanceof java.util.List<?> l ? c.createArrayOf("varchar", l.toArray()) : parameters[i]);
                }
                try (java.sql.ResultSet rs = q.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= expected) {
                        return;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not seen within " + wait + ": " + countQuery);
    }

    static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", LocalStack.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer());
    }

    static byte[] envelope(EventSerde serde, Topic topic, String key, SpecificRecord payload) {
        return serde.serialize(topic, Envelopes.wrap(topic, key, payload, "test-" + topic.name().toLowerCase(), Instant.now(), null));
    }

    static void send(KafkaProducer<String, byte[]> producer, Topic topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic.topicName(), key, value)).get();
    }

    static Object payload(EventSerde serde, ConsumerRecord<byte[], byte[]> record) {
        return ((CompensationEvent) serde.deserialize(Topic.COMPENSATION, record.value())).getPayload();
    }
}
