package io.switchboard.feedback.consume;

import com.mongodb.client.model.Updates;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.routing.TicketAssigned;
import io.switchboard.eventing.EventConsumers;
import io.switchboard.eventing.EventDispatch;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.mongo.DocumentChange;
import io.switchboard.eventing.mongo.MongoOutbox;
import io.switchboard.feedback.store.FeedbackStore;
import io.switchboard.feedback.survey.Surveys;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code support.routing.v1}: the agent and skill group a ticket was last assigned to, the fallback for a resolution
 * that does not name its skill group.
 */
@ApplicationScoped
public class Assignments implements EventHandler {

    private final EventConsumers consumers;
    private final MongoOutbox outbox;
    private final FeedbackStore store;

    Assignments(EventConsumers consumers, MongoOutbox outbox, FeedbackStore store) {
        this.consumers = consumers;
        this.outbox = outbox;
        this.store = store;
    }

    @Override
    public Topic topic() {
        return Topic.ROUTING;
    }

    @Override
    public String name() {
        return "assignments";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.ROUTING).on(TicketAssigned.class, this::assigned);
    }

    /** A poll's records at once (the channel has {@code batch=true}): most of the topic's events are types this
     * handler skips, which a batch settles by their header without a worker hand-off and an acknowledgement each. */
    @Incoming("assignments")
    @Blocking
    void consume(ConsumerRecords<byte[], byte[]> records) {
        consumers.consumeAll(this, records);
    }

    private void assigned(TicketAssigned assigned, EventMetadata metadata) {
        outbox.apply(store.tickets(), DocumentChange.of(assigned.getTicketId()).upsert().update(Updates.combine(
                Updates.set(Surveys.AGENT_ID, assigned.getAgentId()),
                Updates.set(Surveys.SKILL_GROUP_ID, assigned.getSkillGroupId()),
                Updates.set("supportLevel", assigned.getSupportLevel().name()),
                Updates.set("assignedAt", Surveys.date(assigned.getAssignedAt())))));
    }
}
