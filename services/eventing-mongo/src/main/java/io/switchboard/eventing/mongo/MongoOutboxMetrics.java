package io.switchboard.eventing.mongo;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;

import java.util.List;

import static io.switchboard.eventing.mongo.OutboxFields.PARKED_EVENTS;
import static io.switchboard.eventing.mongo.OutboxFields.PENDING_EVENTS;

/**
 * The PostgreSQL store's gauges, with the same names so that one dashboard and one alert serve
 * both stores: {@code switchboard_outbox_backlog}, the events of the relayed collections not yet
 * sent to Kafka (those waiting behind a parked event included), and {@code switchboard_outbox_parked},
 * the events Kafka refused for good, waiting for an operator. Both also appear as data of the
 * {@code outbox} readiness check ({@link MongoOutboxHealth}). NaN when MongoDB does not answer.
 */
@ApplicationScoped
public class MongoOutboxMetrics {

    private final MongoRelay relay;

    MongoOutboxMetrics(MongoRelay relay) {
        this.relay = relay;
    }

    void register(@Observes StartupEvent event, MeterRegistry meters) {
        Gauge.builder("switchboard.outbox.backlog", this, MongoOutboxMetrics::backlog)
                .description("Outbox events not yet sent to Kafka")
                .register(meters);
        Gauge.builder("switchboard.outbox.parked", this, MongoOutboxMetrics::parked)
                .description("Outbox events Kafka refused for good, parked until an operator releases them")
                .register(meters);
    }

    public double backlog() {
        return count(PENDING_EVENTS);
    }

    public double parked() {
        return count(PARKED_EVENTS);
    }

    /** The total length of {@code arrayField} over the relayed collections, counted by the server. */
    private double count(String arrayField) {
        try {
            long total = 0;
            for (String name : relay.collections()) {
                Document sum = relay.database().getCollection(name).aggregate(List.of(
                        Aggregates.match(Filters.exists(arrayField + ".0")),
                        Aggregates.group(null, Accumulators.sum("n", new Document("$size", "$" + arrayField))))).first();
                total += sum == null ? 0 : ((Number) sum.get("n")).longValue();
            }
            return total;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
