package io.switchboard.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * {@code @QuarkusTestResource(LocalStackResource.class)}: the real stack, found or started (the
 * local one, or Testcontainers under {@code SWITCHBOARD_STACK=containers}: see {@link LocalStack}),
 * and the service pointed at it: Kafka, the registry, PostgreSQL (host, port, credentials; the
 * service's URL names its own database) and MongoDB, through the variables its
 * application.properties read ({@link StackAddresses#configOverrides()}),
 * and its token verifier pointed at this run's test issuer ({@link Tokens}).
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalStack.ensureUp();
        Map<String, String> config = new java.util.HashMap<>(LocalStack.addresses().configOverrides());
        // And the verifier of this run's bearer tokens (Tokens), so that tests call as any role.
        config.putAll(Tokens.verifierConfig());
        return config;
    }

    @Override
    public void stop() {
        // Shared by every test class of the run; stopped by LocalStack's (or ContainerStack's)
        // shutdown hook if started here.
    }
}
