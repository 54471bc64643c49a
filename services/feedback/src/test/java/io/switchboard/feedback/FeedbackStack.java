package io.switchboard.feedback;

import io.switchboard.contracts.Topic;
import io.switchboard.testkit.ConsumerGroups;
import io.switchboard.testkit.LocalStackResource;

import java.util.Map;

/**
 * The testkit's stack, with the service's consumer groups moved to the end of the shared topics, so that they read what this run publishes and not the hundreds of
 * thousands of events benchmarks left there.
 */
public class FeedbackStack extends LocalStackResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        ConsumerGroups.skipToEnd("feedback.tickets", Topic.TICKETS.topicName());
        ConsumerGroups.skipToEnd("feedback.assignments", Topic.ROUTING.topicName());
        ConsumerGroups.skipToEnd("feedback.sla", Topic.SLA.topicName());
        ConsumerGroups.skipToEnd("feedback.credits", Topic.COMPENSATION.topicName());
        return config;
    }
}
