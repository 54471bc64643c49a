package io.switchboard.eventing.postgres;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** {@code switchboard_outbox_backlog}: rows written but not yet relayed; growth means the relay lags. */
@ApplicationScoped
public class OutboxMetrics {

    void register(@Observes StartupEvent event, MeterRegistry meters) {
        Gauge.builder("switchboard.outbox.backlog", this, OutboxMetrics::backlog)
                .description("Outbox events not yet sent to Kafka")
                .register(meters);
    }

    double backlog() {
        try {
            return QuarkusTransaction.requiringNew().call(OutboxRow::count);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
