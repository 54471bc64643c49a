package io.switchboard.intake.ticket;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.feedback.LowSatisfactionFlagged;
import io.switchboard.eventing.EventConsumers;
import io.switchboard.eventing.EventDispatch;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.EventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code support.feedback.v1}: a low-satisfaction flag that asks intake to act reopens the resolved ticket or opens
 * a follow-up of the closed one ({@link SatisfactionFollowUp}); other feedback events are not acted on.
 */
@ApplicationScoped
public class LowSatisfactionSignals implements EventHandler {

    private static final Logger LOG = Logger.getLogger(LowSatisfactionSignals.class);

    private final EventConsumers consumers;
    private final SatisfactionFollowUp followUp;

    LowSatisfactionSignals(EventConsumers consumers, SatisfactionFollowUp followUp) {
        this.consumers = consumers;
        this.followUp = followUp;
    }

    @Override
    public Topic topic() {
        return Topic.FEEDBACK;
    }

    @Override
    public String name() {
        return "low-satisfaction";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.FEEDBACK).on(LowSatisfactionFlagged.class, this::flagged);
    }

    /** The connector's channel of this handler, named after it; the kit does the rest. */
    @Incoming("low-satisfaction")
    @Blocking
    void consume(ConsumerRecord<byte[], byte[]> record) {
        consumers.consume(this, record);
    }

    private void flagged(LowSatisfactionFlagged flag, EventMetadata metadata) {
        if (!flag.getReopenRequested()) {
            return; // the figures count it in feedback; the policy asks nothing of the ticket
        }
        SatisfactionFollowUp.Result result = followUp.act(flag.getTicketId(), flag.getSurveyId(), flag.getReason());
        LOG.debugf("low satisfaction on %s (survey %s): %s %s", flag.getTicketId(), flag.getSurveyId(), result.outcome(),
                result.ticketId());
    }
}
