package io.switchboard.eventing.postgres;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The {@code outbox} readiness check: always UP (a parked row needs an operator, not a restart or
 * less traffic), with the backlog and the number of parked rows as data for operators.
 */
@ApplicationScoped
@Readiness
public class OutboxHealth implements HealthCheck {

    private final OutboxMetrics metrics;

    OutboxHealth(OutboxMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("outbox").up()
                .withData("backlog", count(metrics.backlog()))
                .withData("parked", count(metrics.parked()))
                .build();
    }

    private static String count(double value) {
        return Double.isNaN(value) ? "unknown" : Long.toString((long) value);
    }
}
