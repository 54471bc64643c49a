package io.switchboard.feedback;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.feedback.FeedbackEvent;
import io.switchboard.contracts.feedback.SurveyChannel;
import io.switchboard.contracts.feedback.SurveyRequested;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.EventSerde;
import io.switchboard.testkit.LocalStack;
import io.switchboard.testkit.TopicProbe;
import jakarta.inject.Inject;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tickets channel runs several consumers of {@code feedback.tickets} (channel copies, each with its own
 * partitions). What must hold with them: the events of one ticket are applied in their order and each once, however
 * the tickets spread over the copies. Many tickets' events are published at once, each opening and resolution twice
 * (a redelivery, same event id), so that every copy has several tickets in each poll.
 */
@QuarkusTest
@QuarkusTestResource(FeedbackStack.class)
class TicketCopiesTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final int TICKETS = 30;

    @Inject
    EventSerde serde;
    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;
    @ConfigProperty(name = "mp.messaging.incoming.tickets.concurrency", defaultValue = "1")
    int copies;

    @Test
    void eachTicketsEventsAreAppliedInOrderAndOnceAcrossTheCopies() throws Exception {
        assertTrue(copies > 1, "the tickets channel is configured with copies");
        await().atMost(WAIT).until(() -> members("feedback.tickets") == copies); // every copy joined the group

        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> tickets = new ArrayList<>();
        Map<String, String> calls = new HashMap<>();
        Map<String, List<String>> appliedIds = new HashMap<>(); // per ticket: the ids the tickets document must record, in order
        Instant now = Instant.now();
        try (Upstream upstream = new Upstream(serde);
             TopicProbe feedback = TopicProbe.open(Topic.FEEDBACK.topicName())) {
            List<List<Runnable>> steps = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < TICKETS; i++) {
                String ticket = "T-copies-" + run + "-" + i;
                String call = "CALL-" + ticket;
                tickets.add(ticket);
                calls.put(ticket, call);
                SpecificRecord opened = Upstream.envelope(Topic.TICKETS, ticket,
                        Upstream.opened(ticket, "C-copies", Channel.PHONE, "technical.network", call, now));
                SpecificRecord reclassified = Upstream.envelope(Topic.TICKETS, ticket,
                        Upstream.reclassified(ticket, "billing.invoice", Priority.P1, now));
                SpecificRecord resolved = Upstream.envelope(Topic.TICKETS, ticket,
                        Upstream.resolved(ticket, "C-copies", Channel.PHONE, "agent-c", "g-copies", true, 120, now));
                appliedIds.put(ticket, List.of("feedback.tickets/" + EventMetadata.of(opened).eventId(),
                        "feedback.tickets/" + EventMetadata.of(reclassified).eventId()));
                // opened twice, reclassified, then the opening once more (must change nothing), resolved twice
                steps.get(0).add(() -> sendTwice(upstream, ticket, opened));
                steps.get(1).add(() -> send(upstream, ticket, reclassified));
                steps.get(1).add(() -> send(upstream, ticket, opened));
                steps.get(2).add(() -> sendTwice(upstream, ticket, resolved));
            }
            steps.forEach(step -> step.forEach(Runnable::run)); // ticket by ticket within a step: interleaved

            // The resolution saw the opening (its call id makes the survey an IVR one): applied after it.
            feedback.await(r -> tickets.contains(new String(r.key(), StandardCharsets.UTF_8)), TICKETS, WAIT);
            List<SurveyRequested> surveys = feedback.collect(r -> tickets.contains(new String(r.key(), StandardCharsets.UTF_8)),
                            Duration.ofSeconds(3)).stream() // and then nothing more: no second survey for a redelivery
                    .map(r -> (SurveyRequested) ((FeedbackEvent) serde.deserialize(Topic.FEEDBACK, r.value())).getPayload())
                    .toList();
            assertEquals(TICKETS, surveys.size(), "one SurveyRequested per ticket");
            for (SurveyRequested survey : surveys) {
                assertEquals(SurveyChannel.IVR, survey.getChannel(), survey.getTicketId());
                assertEquals(calls.get(survey.getTicketId()), survey.getCallId(), survey.getTicketId());
            }
        }
        for (String ticket : tickets) {
            assertEquals(1, mongo.getDatabase(database).getCollection("surveys").countDocuments(Filters.eq("ticketId", ticket)), ticket);
            Document facts = mongo.getDatabase(database).getCollection("tickets").find(Filters.eq("_id", ticket)).first();
            // The reclassification came after the opening and the late redelivery of the opening changed nothing.
            assertEquals("billing.invoice", facts.getString("category"), ticket);
            assertEquals("P1", facts.getString("priority"), ticket);
            List<String> recorded = facts.getList("processedEventIds", String.class).stream()
                    .filter(id -> id.startsWith("feedback.tickets/")).toList();
            assertEquals(appliedIds.get(ticket), recorded, "applied once each, in the ticket's order: " + ticket);
        }
    }

    private static void send(Upstream upstream, String ticket, SpecificRecord envelope) {
        try {
            upstream.send(Topic.TICKETS, ticket, upstream.bytes(Topic.TICKETS, envelope), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sendTwice(Upstream upstream, String ticket, SpecificRecord envelope) {
        send(upstream, ticket, envelope);
        send(upstream, ticket, envelope);
    }

    private static int members(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).members().size();
        }
    }
}
