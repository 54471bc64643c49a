package io.switchboard.eventing.mongo;

import io.switchboard.contracts.Topic;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns an event envelope into what goes on the wire. The store-neutral eventing core will provide
 * the production encoder (registry-framed Avro bytes); this module only needs the result, so it
 * does not depend on a serde. Encoding happens when the change is written, so a serialization
 * problem fails the change, not the relay.
 */
@FunctionalInterface
public interface EventEncoder {

    /** Encodes {@code envelope}, an envelope of {@code topic}; throws if it is not one. */
    EncodedEvent encode(Topic topic, SpecificRecord envelope);
}
