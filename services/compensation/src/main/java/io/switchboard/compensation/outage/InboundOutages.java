package io.switchboard.compensation.outage;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.compensation.domain.InvalidFieldException;
import io.switchboard.contracts.Topic;
import io.switchboard.contracts.outages.OutageCorrected;
import io.switchboard.contracts.outages.OutageEnded;
import io.switchboard.contracts.outages.OutageReported;
import io.switchboard.eventing.EventConsumers;
import io.switchboard.eventing.EventDispatch;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.RejectedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.function.Consumer;

/** {@code support.outages.inbound.v1}: outages reported, ended and corrected, recorded as an operator's would be. */
@ApplicationScoped
public class InboundOutages implements EventHandler {

    private final EventConsumers consumers;
    private final OutageService outages;

    InboundOutages(EventConsumers consumers, OutageService outages) {
        this.consumers = consumers;
        this.outages = outages;
    }

    @Override
    public Topic topic() {
        return Topic.OUTAGES_INBOUND;
    }

    @Override
    public String name() {
        return "inbound-outages";
    }

    @Override
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.OUTAGES_INBOUND)
                .on(OutageReported.class, this::reported)
                .on(OutageEnded.class, this::ended)
                .on(OutageCorrected.class, this::corrected);
    }

    @Incoming("inbound-outages")
    @Blocking
    void consume(ConsumerRecord<byte[], byte[]> record) {
        consumers.consume(this, record);
    }

    private void reported(OutageReported e, EventMetadata meta) {
        apply(new OutageChange(e.getOutageId(), e.getProduct(), e.getRegion(), List.copyOf(e.getAffectedCustomerIds()), null,
                e.getSummary(), e.getStartedAt(), null, meta.producer(), null), outages::report);
    }

    private void ended(OutageEnded e, EventMetadata meta) {
        apply(new OutageChange(e.getOutageId(), e.getProduct(), e.getRegion(), List.copyOf(e.getAffectedCustomerIds()), null,
                null, e.getStartedAt(), e.getEndedAt(), meta.producer(), null), outages::end);
    }

    private void corrected(OutageCorrected e, EventMetadata meta) {
        apply(new OutageChange(e.getOutageId(), e.getProduct(), e.getRegion(), List.copyOf(e.getAffectedCustomerIds()),
                List.copyOf(e.getAffectedResourceIds()), null, e.getStartedAt(), e.getEndedAt(), e.getCorrectedBy(),
                e.getReason()), outages::correct);
    }

    private static void apply(OutageChange change, Consumer<OutageChange> action) {
        try {
            action.accept(change.validated());
        } catch (InvalidFieldException e) {
            throw new RejectedEventException(e.getMessage());
        }
    }
}
