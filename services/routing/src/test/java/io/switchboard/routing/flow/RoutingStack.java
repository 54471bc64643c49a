package io.switchboard.routing.flow;

import io.switchboard.contracts.Topic;
import io.switchboard.testkit.ConsumerGroups;
import io.switchboard.testkit.LocalStackResource;

import java.util.HashMap;
import java.util.Map;

/**
 * The local stack, with routing's own consumer groups moved to the end of the shared topics before the
 * service starts: those topics carry every earlier run's events, and the tests here should see their own
 * tickets routed, not a replay of history.
 */
public class RoutingStack extends LocalStackResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        ConsumerGroups.skipToEnd("routing.tickets", Topic.TICKETS.topicName());
        ConsumerGroups.skipToEnd("routing.sla", Topic.SLA.topicName());
        config.put("switchboard.routing.sweep-interval", "1s");
        config.put("switchboard.routing.group-cache-ttl", "0s");
        return config;
    }
}
