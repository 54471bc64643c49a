package io.switchboard.intake.channel;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.calls.CallReceived;
import io.switchboard.contracts.calls.InboundCallEvent;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.RejectedEventException;
import io.switchboard.intake.domain.InvalidFieldException;
import io.switchboard.web.errors.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code support.calls.inbound.v1}: calls handed over by the telephony system through Kafka. */
@ApplicationScoped
public class InboundCalls implements EventHandler<InboundCallEvent> {

    private final PhoneIntake phones;

    InboundCalls(PhoneIntake phones) {
        this.phones = phones;
    }

    @Override
    public Topic topic() {
        return Topic.CALLS_INBOUND;
    }

    @Override
    public String name() {
        return "inbound-calls";
    }

    @Override
    public void handle(InboundCallEvent event, EventMetadata metadata) {
        if (!(event.getPayload() instanceof CallReceived call)) {
            throw new RejectedEventException("unknown call event " + metadata.eventType());
        }
        try {
            phones.take(new PhoneIntake.Call(call.getCallId(), call.getCallerNumber(), call.getIvrPath(),
                    call.getLanguageKey(), call.getEmergencyKeyPressed(), call.getReceivedAt()));
        } catch (InvalidFieldException | InvalidInputException e) {
            throw new RejectedEventException(e.getMessage());
        }
    }
}
