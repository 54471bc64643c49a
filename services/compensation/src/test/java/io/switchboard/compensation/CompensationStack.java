package io.switchboard.compensation;

import io.switchboard.contracts.Topic;
import io.switchboard.testkit.ConsumerGroups;
import io.switchboard.testkit.LocalStackResource;

import java.util.Map;

/**
 * The testkit's stack, with this service's groups on the shared topics it does not own
 * ({@code support.sla.v1}, {@code support.tickets.v1}) moved to the topics' ends before the service starts: on
 * a stack shared with the other services' tests and benchmarks those topics can hold hundreds of thousands of
 * their events, which the tests here would otherwise wait behind. The tests publish their own events after the
 * start.
 */
public class CompensationStack extends LocalStackResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        ConsumerGroups.skipToEnd("compensation.sla-events", Topic.SLA.topicName());
        ConsumerGroups.skipToEnd("compensation.customer-tickets", Topic.TICKETS.topicName());
        return config;
    }
}
