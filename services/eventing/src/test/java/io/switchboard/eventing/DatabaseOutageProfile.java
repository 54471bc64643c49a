package io.switchboard.eventing;

import java.util.Map;

/** The test service behind the cuttable proxy, with short pool timeouts and infrastructure back-off, so that an outage is seen and over quickly. */
public class DatabaseOutageProfile extends io.switchboard.testkit.DatabaseOutageProfile {

    @Override
    protected String database() {
        return "eventing";
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of(
                "quarkus.datasource.jdbc.acquisition-timeout", "2S",
                "quarkus.datasource.jdbc.login-timeout", "1S",
                "quarkus.datasource.jdbc.additional-jdbc-properties.connectTimeout", "1",
                "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout", "10",
                "switchboard.eventing.relay.enabled", "false",
                "switchboard.eventing.consumers.infrastructure-backoff", "200ms",
                "switchboard.eventing.consumers.infrastructure-backoff-max", "2s");
    }
}
