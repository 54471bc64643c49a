package io.switchboard.eventing.mongo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the MongoDB store, under {@code switchboard.eventing.mongo}; the relay's common
 * settings (enabled, batch size, poll interval, back-off, max block, max request size) are the
 * core's {@code switchboard.eventing.relay.*}.
 */
@ConfigMapping(prefix = "switchboard.eventing.mongo")
public interface MongoEventingConfig {

    /** The database holding the service's documents and the relay lease; {@code quarkus.mongodb.database} when unset. */
    Optional<String> database();

    /** The collections whose documents publish events: the relay sends their pending events. None: no relay. */
    Optional<List<String>> collections();

    /**
     * How many consumed-event ids each document keeps (0 = all): a redelivery is recognised while
     * its id is among them. See the module's README.
     */
    @WithDefault("1000")
    int processedIdsKept();

    /** How long the relay lease lasts unless renewed: longer than a send (30 s); the failover time of a dead relay. */
    @WithDefault("45s")
    Duration leaseDuration();
}
