package io.switchboard.eventing.mongo;

import io.switchboard.eventing.EventSerde;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The store's beans a MongoDB-backed service injects: the {@link MongoOutbox} on the core's serde. */
@ApplicationScoped
public class MongoEventingBeans {

    @Produces
    @Singleton
    MongoOutbox outbox(EventSerde serde, Clock clock, MongoEventingConfig config) {
        return new MongoOutbox(new RegistryEventEncoder(serde), clock, config.processedIdsKept());
    }
}
