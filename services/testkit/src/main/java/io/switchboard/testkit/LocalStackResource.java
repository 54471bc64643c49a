package io.switchboard.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * {@code @QuarkusTestResource(LocalStackResource.class)}: the real stack, found or started, and
 * the service pointed at it (the same addresses its application.properties default to), and its
 * token verifier pointed at this run's test issuer ({@link Tokens}).
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalStack.ensureUp();
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "kafka.bootstrap.servers", LocalStack.bootstrapServers(),
                "switchboard.eventing.registry-url", LocalStack.registryUrl()));
        // And the verifier of this run's bearer tokens (Tokens), so that tests call as any role.
        config.putAll(Tokens.verifierConfig());
        return config;
    }

    @Override
    public void stop() {
        // Shared by every test class of the run; stopped by LocalStack's shutdown hook if started here.
    }
}
