package io.switchboard.eventing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the shared eventing mechanics, under {@code switchboard.eventing}. */
@ConfigMapping(prefix = "switchboard.eventing")
public interface EventingConfig {

    /** The producing service's name: the envelope's {@code producer} and the CloudEvents source. */
    String serviceName();

    /** Apicurio Registry core API base, e.g. {@code http://127.0.0.1:18080/apis/registry/v3}. */
    String registryUrl();

    Relay relay();

    Consumers consumers();

    interface Relay {
        /** Whether this instance runs the outbox relay (only one relay per database sends at a time). */
        @WithDefault("true")
        boolean enabled();

        /** Rows taken per relay transaction. */
        @WithDefault("500")
        int batchSize();

        /** How often an idle relay looks for rows written by other instances. */
        @WithDefault("100ms")
        Duration pollInterval();

        /**
         * How long a woken relay waits before it reads, so that the rows of concurrent commits go
         * out in one batch instead of one relay transaction each.
         */
        @WithDefault("5ms")
        Duration linger();

        /**
         * Back-off after a failed relay cycle (Kafka or the database unavailable); it doubles with
         * every further failure up to {@link #maxRetryBackoff()} and starts over after a success.
         */
        @WithDefault("1s")
        Duration retryBackoff();

        @WithDefault("30s")
        Duration maxRetryBackoff();

        /**
         * The relay producer's {@code max.block.ms}: how long a send waits for a topic's metadata
         * before the relay asks whether Kafka is down (retry) or the topic does not exist (park).
         */
        @WithDefault("10s")
        Duration maxBlock();

        /**
         * The relay producer's {@code max.request.size}: a larger record is refused by the producer
         * and parked. Keep it at or below the topics' {@code max.message.bytes} (broker default
         * 1048588), so that the broker never refuses a record the producer let through.
         */
        @WithDefault("1048576")
        int maxRequestSize();
    }

    /**
     * How handlers treat failures. Polling, commits and the Kafka consumer's own settings are the
     * SmallRye Kafka connector's ({@code mp.messaging.connector.smallrye-kafka.*}, defaults in the
     * kit's {@code META-INF/microprofile-config.properties}; per handler
     * {@code mp.messaging.incoming.<handler name>.*}).
     */
    interface Consumers {
        /**
         * Attempts at a handler that fails for an unknown reason (neither rejected nor an
         * infrastructure failure, see {@code FailureClassifier}) before the record goes to the
         * dead-letter topic.
         */
        @WithDefault("3")
        int maxAttempts();

        /** Back-off between those attempts (times the attempt number). */
        @WithDefault("200ms")
        Duration retryBackoff();

        /**
         * First back-off after an infrastructure failure (database, pool or lock timeout, registry):
         * the handler keeps the record (the connector pauses the partitions once its buffer is full)
         * and tries it again after it;
         * each further failure doubles it, up to {@link #infrastructureBackoffMax}.
         */
        @WithDefault("500ms")
        Duration infrastructureBackoff();

        @WithDefault("30s")
        Duration infrastructureBackoffMax();
    }
}
