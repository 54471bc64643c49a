package io.switchboard.feedback.consume;

import com.mongodb.client.model.Updates;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.common.Channel;
import io.switchboard.contracts.tickets.TicketOpened;
import io.switchboard.contracts.tickets.TicketReclassified;
import io.switchboard.contracts.tickets.TicketResolved;
import io.switchboard.eventing.EventConsumers;
import io.switchboard.eventing.EventDispatch;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.mongo.DocumentChange;
import io.switchboard.eventing.mongo.MongoOutbox;
import io.switchboard.feedback.domain.HeatMap;
import io.switchboard.feedback.store.FeedbackStore;
import io.switchboard.feedback.survey.SurveyRequests;
import io.switchboard.feedback.survey.Surveys;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code support.tickets.v1}: an opening records what the heat map and the customer report need (and the call id of
 * a phone ticket, for its IVR survey); a reclassification moves the ticket's category; a resolution becomes a
 * contact with its survey. Other ticket events are not acted on (the kit skips them).
 */
@ApplicationScoped
public class TicketFacts implements EventHandler {

    private final EventConsumers consumers;
    private final MongoOutbox outbox;
    private final FeedbackStore store;
    private final SurveyRequests surveys;

    TicketFacts(EventConsumers consumers, MongoOutbox outbox, FeedbackStore store, SurveyRequests surveys) {
        this.consumers = consumers;
        this.outbox = outbox;
        this.store = store;
        this.surveys = surveys;
    }

    @Override
    public Topic topic() {
        return Topic.TICKETS;
    }

    @Override
    public String name() {
        return "tickets";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.TICKETS)
                .on(TicketOpened.class, this::opened)
                .on(TicketReclassified.class, this::reclassified)
                .on(TicketResolved.class, this::resolved);
    }

    @Incoming("tickets")
    @Blocking
    void consume(ConsumerRecord<byte[], byte[]> record) {
        consumers.consume(this, record);
    }

    private void opened(TicketOpened opened, EventMetadata metadata) {
        outbox.apply(store.tickets(), DocumentChange.of(opened.getTicketId()).upsert().update(Updates.combine(
                Updates.set(Surveys.CUSTOMER_ID, opened.getCustomerId()),
                Updates.set(Surveys.TIER, opened.getCustomerTier().name()),
                Updates.set(Surveys.CHANNEL, opened.getChannel().name()),
                Updates.set(Surveys.CATEGORY, opened.getCategory()),
                Updates.set(Surveys.PRIORITY, opened.getPriority().name()),
                Updates.set(Surveys.LANGUAGE, opened.getLanguage()),
                Updates.set("openedAt", Surveys.date(opened.getOpenedAt())),
                Updates.set("openedQuarter", HeatMap.quarterOf(opened.getOpenedAt())),
                // intake names the telephony system's call id as the phone ticket's source reference
                Updates.set(Surveys.CALL_ID, opened.getChannel() == Channel.PHONE ? opened.getSourceReference() : null))));
    }

    private void reclassified(TicketReclassified reclassified, EventMetadata metadata) {
        outbox.apply(store.tickets(), DocumentChange.of(reclassified.getTicketId())
                .update(Updates.combine(Updates.set(Surveys.CATEGORY, reclassified.getCategory()),
                        Updates.set(Surveys.PRIORITY, reclassified.getPriority().name()))));
    }

    private void resolved(TicketResolved resolved, EventMetadata metadata) {
        surveys.request(resolved);
    }
}
