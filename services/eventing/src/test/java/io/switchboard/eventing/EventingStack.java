package io.switchboard.eventing;

import io.switchboard.contracts.Topic;
import io.switchboard.testkit.ConsumerGroups;
import io.switchboard.testkit.LocalStackResource;

import java.util.Map;

/**
 * The testkit's stack, with the group of {@link ParallelLedger} moved to the end of the shared tickets topic
 * before the test service starts: on a stack shared with other modules' tests and benchmarks the topic can hold
 * hundreds of thousands of events that the test would otherwise wait behind.
 */
public class EventingStack extends LocalStackResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        ConsumerGroups.skipToEnd("eventing-test.parallel-ledger", Topic.TICKETS.topicName());
        return config;
    }
}
