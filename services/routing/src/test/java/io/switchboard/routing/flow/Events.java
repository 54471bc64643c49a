package io.switchboard.routing.flow;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.Impact;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.common.SupportLevel;
import io.switchboard.contracts.common.TicketClass;
import io.switchboard.contracts.common.Urgency;
import io.switchboard.contracts.tickets.ResolutionCode;
import io.switchboard.contracts.tickets.TicketOpened;
import io.switchboard.contracts.tickets.TicketResolved;
import io.switchboard.eventing.CloudEventHeaders;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.EventSerde;
import io.switchboard.eventing.Envelopes;
import io.switchboard.eventing.KafkaProducers;
import io.switchboard.testkit.LocalStack;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Publishes events on the real topics as intake and escalation would (envelope, Confluent framing, CloudEvents headers). */
final class Events implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            KafkaProducers.reliable(LocalStack.bootstrapServers(), "routing-test"), new StringSerializer(), new ByteArraySerializer());
    private final EventSerde serde;

    Events(EventSerde serde) {
        this.serde = serde;
    }

    static TicketOpened opened(String ticketId, String skill, String language, Priority priority) {
        return TicketOpened.newBuilder().setTicketId(ticketId).setCustomerId("cust-" + ticketId).setCustomerTier(CustomerTier.STANDARD)
                .setChannel(Channel.PHONE).setTicketClass(TicketClass.TECHNICAL).setCategory("technical." + skill).setSkill(skill)
                .setLanguage(language).setImpact(Impact.MODERATE).setUrgency(Urgency.MEDIUM).setPriority(priority).setEmergency(false)
                .setSupportLevel(SupportLevel.L1).setSummary("test ticket").setOpenedAt(Instant.now()).build();
    }

    static TicketResolved resolved(String ticketId) {
        return TicketResolved.newBuilder().setTicketId(ticketId).setCustomerId("cust-" + ticketId).setChannel(Channel.PHONE)
                .setLanguage("en").setResolutionCode(ResolutionCode.FIXED).setFirstContactResolution(true).setResolvedBy("agent")
                .setResolvedAt(Instant.now()).setEmergency(false).build();
    }

    /** Wraps and sends the payload; returns the sent record so that a test can send it again (a redelivery). */
    ProducerRecord<String, byte[]> publish(Topic topic, String subject, SpecificRecord payload, String producerName) throws Exception {
        SpecificRecord envelope = Envelopes.wrap(topic, subject, payload, producerName, Instant.now(), null);
        EventMetadata meta = EventMetadata.of(envelope);
        Headers headers = CloudEventHeaders.of(meta.eventId(), meta.cloudEventType(), meta.producer(), subject, meta.occurredAt());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.topicName(), null, subject, serde.serialize(topic, envelope), headers);
        send(record);
        return record;
    }

    void send(ProducerRecord<String, byte[]> record) throws Exception {
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
