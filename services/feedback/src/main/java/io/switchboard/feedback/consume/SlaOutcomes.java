package io.switchboard.feedback.consume;

import com.mongodb.client.model.Updates;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.sla.MajorIncidentDeclared;
import io.switchboard.contracts.sla.SlaClockOutcome;
import io.switchboard.contracts.sla.SlaClockStopped;
import io.switchboard.eventing.EventConsumers;
import io.switchboard.eventing.EventDispatch;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.RejectedEventException;
import io.switchboard.eventing.mongo.DocumentChange;
import io.switchboard.eventing.mongo.MongoOutbox;
import io.switchboard.feedback.store.FeedbackStore;
import io.switchboard.feedback.survey.Surveys;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code support.sla.v1}: each stopped clock's outcome (one document per clock stop, for SLA attainment), and each
 * declared major incident (for the customer's monthly report, which finds the customer through the ticket).
 */
@ApplicationScoped
public class SlaOutcomes implements EventHandler {

    private final EventConsumers consumers;
    private final MongoOutbox outbox;
    private final FeedbackStore store;

    SlaOutcomes(EventConsumers consumers, MongoOutbox outbox, FeedbackStore store) {
        this.consumers = consumers;
        this.outbox = outbox;
        this.store = store;
    }

    @Override
    public Topic topic() {
        return Topic.SLA;
    }

    @Override
    public String name() {
        return "sla";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.SLA)
                .on(SlaClockStopped.class, this::stopped)
                .on(MajorIncidentDeclared.class, this::declared);
    }

    /** A poll's records at once (the channel has {@code batch=true}): most of the topic's events are types this
     * handler skips, which a batch settles by their header without a worker hand-off and an acknowledgement each. */
    @Incoming("sla")
    @Blocking
    void consume(ConsumerRecords<byte[], byte[]> records) {
        consumers.consumeAll(this, records);
    }

    private void stopped(SlaClockStopped stopped, EventMetadata metadata) {
        SlaClockOutcome outcome = stopped.getOutcome();
        if (outcome == SlaClockOutcome.UNKNOWN) {
            throw new RejectedEventException("clock outcome UNKNOWN (a newer producer's symbol): cannot count it");
        }
        String id = stopped.getTicketId() + "/" + stopped.getTarget() + "/" + stopped.getStoppedAt().toEpochMilli();
        outbox.apply(store.slaOutcomes(), DocumentChange.of(id).upsert().update(Updates.combine(
                Updates.set("ticketId", stopped.getTicketId()),
                Updates.set(Surveys.CUSTOMER_ID, stopped.getCustomerId()),
                Updates.set(Surveys.SKILL_GROUP_ID, stopped.getSkillGroupId()),
                Updates.set(Surveys.TIER, stopped.getCustomerTier().name()),
                Updates.set(Surveys.PRIORITY, stopped.getPriority().name()),
                Updates.set("target", stopped.getTarget().name()),
                Updates.set("policyId", stopped.getPolicyId()),
                Updates.set("outcome", outcome.name()),
                Updates.set("met", outcome == SlaClockOutcome.MET ? 1 : 0),
                Updates.set("missed", outcome == SlaClockOutcome.MISSED ? 1 : 0),
                Updates.set("cancelled", outcome == SlaClockOutcome.CANCELLED ? 1 : 0),
                Updates.set("targetSeconds", stopped.getTargetSeconds()),
                Updates.set("elapsedSeconds", stopped.getElapsedSeconds()),
                Updates.set("stoppedAt", Surveys.date(stopped.getStoppedAt())))));
    }

    private void declared(MajorIncidentDeclared declared, EventMetadata metadata) {
        outbox.apply(store.majorIncidents(), DocumentChange.of(declared.getMajorIncidentId()).upsert().update(Updates.combine(
                Updates.set("ticketId", declared.getTicketId()),
                Updates.set("summary", declared.getSummary()),
                Updates.set("emergencyLevel", declared.getEmergencyLevel() == null ? null : declared.getEmergencyLevel().name()),
                Updates.set("declaredAt", Surveys.date(declared.getDeclaredAt())))));
    }
}
