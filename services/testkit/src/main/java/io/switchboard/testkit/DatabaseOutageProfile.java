package io.switchboard.testkit;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A test service with its datasource behind a {@link DatabaseProxy} the test can cut: its own database
 * goes away while the shared stack stays. A module names its database and any settings the outage test
 * needs (the proxy is one per test JVM, shared by every profile that extends this).
 */
public abstract class DatabaseOutageProfile implements QuarkusTestProfile {

    private static DatabaseProxy proxy;

    /** The proxy in front of the stack's PostgreSQL, started on first use. */
    public static synchronized DatabaseProxy proxy() {
        if (proxy == null) {
            try {
                proxy = new DatabaseProxy(LocalStack.postgresHost(), LocalStack.postgresPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return proxy;
    }

    /** The service's database on the stack's PostgreSQL. */
    protected abstract String database();

    /** Settings beside the proxied JDBC address; none by default. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    @Override
    public String getConfigProfile() {
        return "db-outage";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(settings());
        overrides.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + LocalStack.HOST + ":" + proxy().port() + "/" + database());
        return overrides;
    }
}
