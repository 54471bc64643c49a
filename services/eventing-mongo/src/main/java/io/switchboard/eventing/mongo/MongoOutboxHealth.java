package io.switchboard.eventing.mongo;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The {@code outbox} readiness check, as the PostgreSQL store's: always UP (a parked event needs an
 * operator, not a restart or less traffic), with the backlog, the parked events and whether this
 * instance relays (holds the lease) as data for operators.
 */
@ApplicationScoped
@Readiness
public class MongoOutboxHealth implements HealthCheck {

    private final MongoOutboxMetrics metrics;
    private final MongoRelay relay;

    MongoOutboxHealth(MongoOutboxMetrics metrics, MongoRelay relay) {
        this.metrics = metrics;
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("outbox").up()
                .withData("backlog", count(metrics.backlog()))
                .withData("parked", count(metrics.parked()))
                .withData("relay", !relay.running() ? "not running here" : relay.holdsLease() ? "sending" : "standing by")
                .build();
    }

    private static String count(double value) {
        return Double.isNaN(value) ? "unknown" : Long.toString((long) value);
    }
}
