package io.switchboard.escalation;

import io.switchboard.contracts.Topic;
import io.switchboard.testkit.ConsumerGroups;
import io.switchboard.testkit.LocalStackResource;

import java.util.Map;

/**
 * The testkit's stack, with the service's consumer groups moved to the end of the shared topics, so that
 * they read what this run publishes and not the backlog other tests and benchmarks left since the last run.
 */
public class EscalationStack extends LocalStackResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        ConsumerGroups.skipToEnd("escalation.tickets", Topic.TICKETS.topicName());
        ConsumerGroups.skipToEnd("escalation.routing", Topic.ROUTING.topicName());
        return config;
    }
}
