package io.switchboard.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * {@code @QuarkusTestResource(LocalStackResource.class)}: the real stack, found or started, and
 * the service pointed at it (the same addresses its application.properties default to).
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalStack.ensureUp();
        return Map.of(
                "kafka.bootstrap.servers", LocalStack.bootstrapServers(),
                "switchboard.eventing.registry-url", LocalStack.registryUrl());
    }

    @Override
    public void stop() {
        // Shared by every test class of the run; stopped by LocalStack's shutdown hook if started here.
    }
}
