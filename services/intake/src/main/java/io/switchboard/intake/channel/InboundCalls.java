package io.switchboard.intake.channel;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.calls.CallReceived;
import io.switchboard.eventing.EventDispatch;
import io.switchboard.eventing.EventHandler;
import io.switchboard.eventing.EventMetadata;
import io.switchboard.eventing.RejectedEventException;
import io.switchboard.intake.domain.InvalidFieldException;
import io.switchboard.web.errors.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code support.calls.inbound.v1}: calls handed over by the telephony system through Kafka. */
@ApplicationScoped
public class InboundCalls implements EventHandler {

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
    public EventDispatch events() {
        return EventDispatch.forTopic(Topic.CALLS_INBOUND).on(CallReceived.class, this::take);
    }

    private void take(CallReceived call, EventMetadata metadata) {
        try {
            phones.take(new PhoneIntake.Call(call.getCallId(), call.getCallerNumber(), call.getIvrPath(),
                    call.getLanguageKey(), call.getEmergencyKeyPressed(), call.getReceivedAt()));
        } catch (InvalidFieldException | InvalidInputException e) {
            throw new RejectedEventException(e.getMessage());
        }
    }
}
