package io.switchboard.eventing;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.Config;

import java.util.Map;
import java.util.Optional;

/**
 * Gives the Kafka consumer of an {@link EventHandler}'s channel (the channel named after the
 * handler) the handler's consumer group, {@code <service>.<handler name>}, as its group and client
 * id, and refuses to start a channel that reads another topic than the handler declares. The copies
 * of a concurrent channel ({@code <name>$<n>}) join the same group, each with a client id of its own
 * ({@code <group>-<n>}). Other channels and clients are left as they are.
 */
@ApplicationScoped
public class HandlerChannels implements ClientCustomizer<Map<String, Object>> {

    private final EventConsumers consumers;

    HandlerChannels(EventConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> client) {
        if (!client.containsKey(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG)) {
            return client; // not a consumer
        }
        Optional<EventHandler> handler = consumers.handler(channel);
        if (handler.isEmpty()) {
            return client;
        }
        String expected = handler.get().topic().topicName();
        String topic = channelConfig.getOptionalValue("topic", String.class).orElse(channel);
        if (!expected.equals(topic)) {
            throw new IllegalStateException("channel " + channel + " reads " + topic + " but its handler consumes "
                    + expected + ": set mp.messaging.incoming." + handler.get().name() + ".topic=" + expected);
        }
        // Set here, not in configuration: Quarkus defaults a channel's group.id to the application name.
        String name = handler.get().name();
        String group = consumers.group(name);
        client.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        client.put(ConsumerConfig.CLIENT_ID_CONFIG, channel.equals(name) ? group : group + "-" + channel.substring(name.length() + 1));
        return client;
    }
}
