package io.switchboard.intake.ticket;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.switchboard.testkit.DatabaseProxy;
import io.switchboard.testkit.LocalStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Intake with its datasource behind a {@link DatabaseProxy} the test can cut: its database goes, the shared one stays. */
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
        // The service's own pool and driver timeouts (application.properties) stay as shipped: the test
        // checks that they give a quick answer.
        return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + LocalStack.HOST + ":" + proxy().port() + "/intake");
    }
}
