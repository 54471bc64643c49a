package io.switchboard.compensation;

import io.switchboard.deploy.StackSetup;
import io.switchboard.testkit.LocalStack;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.StackAddresses;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The testkit's stack, with this checkout's schemas registered first: a stack that was provisioned before this
 * service's schema changes (OutageCorrected, CreditAdjusted...) would refuse to serialize them otherwise.
 * Registration finds a schema already registered, so it is harmless on a fresh stack.
 *
 * <p>And, before the service starts, this service's groups on the shared topics it does not own
 * ({@code support.sla.v1}, {@code support.tickets.v1}) are moved to the topics' ends: on a stack shared with the
 * other services' tests and benchmarks those topics can hold hundreds of thousands of their events, which the
 * tests here would otherwise wait behind. The tests publish their own events after the start.
 */
public class CompensationStack extends LocalStackResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        StackAddresses a = LocalStack.addresses();
        try {
            StackSetup.registerSchemas(new StackSetup.Target(a.jdbcUrl("postgres"), a.postgresUser(), a.postgresPassword(),
                    a.bootstrapServers(), a.registryUrl()));
        } catch (Exception e) {
            throw new IllegalStateException("registering the schemas failed", e);
        }
        skipOthersBacklog(a.bootstrapServers(), Map.of("compensation.sla-events", "support.sla.v1",
                "compensation.customer-tickets", "support.tickets.v1"));
        return config;
    }

    private static void skipOthersBacklog(String bootstrap, Map<String, String> groups) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            for (Map.Entry<String, String> group : groups.entrySet()) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(List.of(group.getValue())).allTopicNames().get(30, TimeUnit.SECONDS).get(group.getValue())
                        .partitions().forEach(p -> latest.put(new TopicPartition(group.getValue(), p.partition()), OffsetSpec.latest()));
                Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
                admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                        .forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
                admin.alterConsumerGroupOffsets(group.getKey(), ends).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // A group with live members (another run of these tests) cannot be moved: the tests then just wait longer.
            System.err.println("could not move the consumer groups past the shared topics' backlog: " + e);
        }
    }
}
