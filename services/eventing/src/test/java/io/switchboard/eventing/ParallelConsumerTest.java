package io.switchboard.eventing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.contracts.Topic;
import io.switchboard.testkit.LocalStack;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A handler's channel with {@code concurrency=2}: both copies are members of the handler's own group
 * with client ids of their own, records of different partitions are applied side by side, and every
 * event still takes effect once, in its key's order.
 */
@QuarkusTest
@QuarkusTestResource(EventingStack.class)
class ParallelConsumerTest {

    private static final int KEYS = 24;
    private static final int EVENTS_PER_KEY = 8;

    @Inject
    EventSerde serde;
    @Inject
    ParallelLedger parallelLedger;
    @Inject
    EntityManager entityManager;

    @Test
    void twoCopiesShareTheHandlersGroupAndKeepEachKeysOrder() throws Exception {
        String run = TestEvents.uniqueTicket("parallel-");
        try (RawProducer producer = new RawProducer()) {
            for (int e = 0; e < EVENTS_PER_KEY; e++) {
                for (int k = 0; k < KEYS; k++) {
                    String key = run + "-k" + k;
                    producer.send(Topic.TICKETS.topicName(), key, serde.serialize(Topic.TICKETS, TestEvents.envelope(key + "-e" + e)));
                }
            }
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> applied(run).size() == KEYS * EVENTS_PER_KEY);

        List<String> applied = applied(run);
        assertEquals(KEYS * EVENTS_PER_KEY, Set.copyOf(applied).size(), "every event took effect once");
        for (int k = 0; k < KEYS; k++) {
            String key = run + "-k" + k + "-e";
            List<String> ofKey = applied.stream().filter(s -> s.startsWith("parallel:" + key)).toList();
            List<String> inOrder = new ArrayList<>();
            for (int e = 0; e < EVENTS_PER_KEY; e++) {
                inOrder.add("parallel:" + key + e);
            }
            assertEquals(inOrder, ofKey, "key " + k + " applied in its order");
        }
        assertEquals(2, parallelLedger.mostAtOnce(), "records of different partitions were applied side by side");

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.bootstrapServers()))) {
            String group = "eventing-test.parallel-ledger";
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
            Set<String> clients = description.members().stream().map(MemberDescription::clientId).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of(group + "-1", group + "-2"), clients, "the copies are the handler group's members");
        }
    }

    /** The subjects applied for this run, in the order they were applied. */
    @SuppressWarnings("unchecked")
    private List<String> applied(String run) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select subject from ledger_entry where subject like ?1 order by id").setParameter(1, "parallel:" + run + "%").getResultList());
    }
}
