package io.switchboard.eventing.postgres;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code switchboard_outbox_backlog}: rows written but not yet relayed (parked ones and those
 * waiting behind them included); growth means the relay lags. {@code switchboard_outbox_parked}:
 * rows Kafka refused for good, waiting for an operator. Both also appear as data of the
 * {@code outbox} readiness check ({@link OutboxHealth}).
 */
@ApplicationScoped
public class OutboxMetrics {

    void register(@Observes StartupEvent event, MeterRegistry meters) {
        Gauge.builder("switchboard.outbox.backlog", this, OutboxMetrics::backlog)
                .description("Outbox events not yet sent to Kafka")
                .register(meters);
        Gauge.builder("switchboard.outbox.parked", this, OutboxMetrics::parked)
                .description("Outbox events Kafka refused for good, parked until an operator releases them")
                .register(meters);
    }

    public double backlog() {
        try {
            return QuarkusTransaction.requiringNew().call(OutboxRow::countWaiting);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    public double parked() {
        try {
            return QuarkusTransaction.requiringNew().call(OutboxRow::countParked);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
