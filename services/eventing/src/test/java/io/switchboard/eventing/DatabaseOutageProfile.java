package io.switchboard.eventing;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.switchboard.testkit.DatabaseProxy;
import io.switchboard.testkit.LocalStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The test service with its datasource behind a {@link DatabaseProxy} the test can cut, short pool
 * timeouts and a short infrastructure back-off, so that an outage is seen and over quickly.
 */
public class DatabaseOutageProfile implements QuarkusTestProfile {

    private static DatabaseProxy proxy;

    static synchronized DatabaseProxy proxy() {
        if (proxy == null) {
            try {
                proxy = new DatabaseProxy(LocalStack.postgresHost(), LocalStack.postgresPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return proxy;
    }

    @Override
    public String getConfigProfile() {
        return "db-outage";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + LocalStack.HOST + ":" + proxy().port() + "/eventing",
                "quarkus.datasource.jdbc.acquisition-timeout", "2S",
                "quarkus.datasource.jdbc.login-timeout", "1S",
                "quarkus.datasource.jdbc.additional-jdbc-properties.connectTimeout", "1",
                "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout", "10",
                "switchboard.eventing.relay.enabled", "false",
                "switchboard.eventing.consumers.infrastructure-backoff", "200ms",
                "switchboard.eventing.consumers.infrastructure-backoff-max", "2s");
    }
}
