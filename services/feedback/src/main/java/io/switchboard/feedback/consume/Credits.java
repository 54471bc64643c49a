package io.switchboard.feedback.consume;

import com.mongodb.client.model.Updates;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.compensation.CreditIssued;
import io.switchboard.eventing.EventConsumers;
import io.switchboard.eventing.EventDispatch;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.mongo.DocumentChange;
import io.switchboard.eventing.mongo.MongoOutbox;
import io.switchboard.feedback.store.FeedbackStore;
import io.switchboard.feedback.survey.Surveys;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.math.BigDecimal;

/** {@code support.compensation.v1}: credits issued, for the customer's monthly report (by billing month). */
@ApplicationScoped
public class Credits implements EventHandler {

    private final EventConsumers consumers;
    private final MongoOutbox outbox;
    private final FeedbackStore store;

    Credits(EventConsumers consumers, MongoOutbox outbox, FeedbackStore store) {
        this.consumers = consumers;
        this.outbox = outbox;
        this.store = store;
    }

    @Override
    public Topic topic() {
        return Topic.COMPENSATION;
    }

    @Override
    public String name() {
        return "credits";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.COMPENSATION).on(CreditIssued.class, this::issued);
    }

    @Incoming("credits")
    @Blocking
    void consume(ConsumerRecord<byte[], byte[]> record) {
        consumers.consume(this, record);
    }

    private void issued(CreditIssued credit, EventMetadata metadata) {
        BigDecimal amount = credit.getAmount().getAmount();
        outbox.apply(store.credits(), DocumentChange.of(credit.getCreditId()).upsert().update(Updates.combine(
                Updates.set(Surveys.CUSTOMER_ID, credit.getCustomerId()),
                Updates.set("subscriptionId", credit.getSubscriptionId()),
                Updates.set("basis", credit.getBasis().name()),
                Updates.set("form", credit.getForm().name()),
                Updates.set("amount", amount.toPlainString()), // summed as BigDecimal in Java: no float money
                Updates.set("currency", credit.getAmount().getCurrency()),
                Updates.set("billingMonth", credit.getBillingMonth().toString().substring(0, 7)),
                Updates.set("ticketId", credit.getTicketId()),
                Updates.set("issuedAt", Surveys.date(credit.getIssuedAt())))));
    }
}
