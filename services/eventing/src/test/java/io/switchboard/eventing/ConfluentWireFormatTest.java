package io.switchboard.eventing;

import io.switchboard.eventing.postgres.Outbox;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topic;
import io.switchboard.testkit.LocalStack;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a partner with a Confluent-style deserializer sees: magic byte 0, a 4-byte schema id that
 * the registry's Confluent-compatible API resolves, then plain Avro binary.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ConfluentWireFormatTest {

    @Inject
    Outbox outbox;

    @Test
    void rawRecordBytesDecodeWithPlainAvroThroughTheConfluentCompatibleApi() throws Exception {
        String ticket = TestEvents.uniqueTicket("wire-");
        try (TopicProbe tickets = TopicProbe.open(Topic.TICKETS.topicName())) {
            EventMetadata event = QuarkusTransaction.requiringNew().call(
                    () -> outbox.publish(Topic.TICKETS, ticket, TestEvents.statusChanged(ticket)));
            ConsumerRecord<byte[], byte[]> record = tickets.awaitOne(OutboxRelayTest.byEventId(event.eventId()), Duration.ofSeconds(20));

            ByteBuffer bytes = ByteBuffer.wrap(record.value());
            assertEquals(0, bytes.get(), "magic byte");
            int schemaId = bytes.getInt();

            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(LocalStack.confluentCompatibleUrl() + "/schemas/ids/" + schemaId)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            Schema writer = new Schema.Parser().parse(new ObjectMapper().readTree(response.body()).get("schema").asText());
            assertEquals("io.switchboard.contracts.tickets.TicketEvent", writer.getFullName());

            GenericRecord decoded = new GenericDatumReader<GenericRecord>(writer).read(null,
                    DecoderFactory.get().binaryDecoder(record.value(), 5, record.value().length - 5, null));
            assertEquals(event.eventId(), decoded.get("eventId").toString());
            assertEquals("TicketStatusChanged", decoded.get("eventType").toString());
            assertEquals(ticket, decoded.get("subject").toString());
            GenericRecord payload = (GenericRecord) decoded.get("payload");
            assertEquals("TicketStatusChanged", payload.getSchema().getName());
            assertEquals(ticket, payload.get("ticketId").toString());
            assertEquals("IN_PROGRESS", payload.get("toStatus").toString());
        }
    }
}
