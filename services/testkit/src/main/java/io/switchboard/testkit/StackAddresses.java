package io.switchboard.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the stack the tests run against answers: the local stack or the Testcontainers one.
 *
 * @param registryBaseUrl Apicurio's root ({@code http://host:port}), without an API path
 */
public record StackAddresses(String bootstrapServers, String postgresHost, int postgresPort, String postgresUser,
                             String postgresPassword, String registryBaseUrl, String mongoConnectionString) {

    /** Apicurio's core v3 API. */
    public String registryUrl() {
        return registryBaseUrl + "/apis/registry/v3";
    }

    /** Apicurio's Confluent-compatible API, as a partner's client would use it. */
    public String confluentCompatibleUrl() {
        return registryBaseUrl + "/apis/ccompat/v7";
    }

    /** A JDBC URL of {@code database} on this stack's PostgreSQL. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    /**
     * The configuration that points a service at this stack: the variables its application.properties
     * read (deploy/stack-env.sh's {@code stack_env}), which also build its datasource URL from
     * {@code DB_HOST}, {@code DB_PORT} and its own {@code DB_NAME}, and the two addresses the kit's
     * extensions read directly. The datasource URL itself is not overridden, so that a test profile
     * may still put its own (a proxy) in front of the database.
     */
    public Map<String, String> configOverrides() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        config.put("REGISTRY_URL", registryUrl());
        config.put("DB_HOST", postgresHost);
        config.put("DB_PORT", Integer.toString(postgresPort));
        config.put("DB_USERNAME", postgresUser);
        config.put("DB_PASSWORD", postgresPassword);
        config.put("MONGODB_CONNECTION_STRING", mongoConnectionString);
        config.put("kafka.bootstrap.servers", bootstrapServers);
        config.put("switchboard.eventing.registry-url", registryUrl());
        return Map.copyOf(config);
    }
}
