package io.switchboard.intake.channel;

import io.switchboard.contracts.common.Channel;
import io.switchboard.intake.customer.Customer;
import io.switchboard.intake.domain.IntakeFacts;
import io.switchboard.intake.domain.IvrMenu;
import io.switchboard.intake.domain.IvrSelection;
import io.switchboard.intake.customer.UnknownCallers;
import io.switchboard.intake.domain.IntakeFields;
import io.switchboard.intake.domain.InvalidFieldException;
import io.switchboard.intake.ticket.IdempotencyKeys;
import io.switchboard.intake.ticket.Ticket;
import io.switchboard.intake.ticket.TicketOpening;
import io.switchboard.web.Text;
import io.switchboard.web.errors.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Calls handed over by the telephony system (REST or Kafka): the IVR keys give category, product
 * and language; a known caller number gives the customer and tier at once; the emergency key makes
 * it an emergency. A call id is taken once: the same hand-over again returns its ticket.
 */
@ApplicationScoped
public class PhoneIntake {

    /** Clocks drift: a call "received" further ahead than this is refused as a far-future timestamp. */
    static final Duration MAX_CLOCK_SKEW = IntakeFields.MAX_CLOCK_SKEW;

    private final IvrMenu menu;
    private final TicketOpening opening;
    private final IdempotencyKeys idempotencyKeys;
    private final Clock clock;
    private final UnknownCallers unknownCallers;

    PhoneIntake(IvrMenu menu, TicketOpening opening, IdempotencyKeys idempotencyKeys, Clock clock, UnknownCallers unknownCallers) {
        this.menu = menu;
        this.opening = opening;
        this.idempotencyKeys = idempotencyKeys;
        this.clock = clock;
        this.unknownCallers = unknownCallers;
    }

    /** As the telephony system reports numbers: digits, optionally after +. */
    public static final String CALLER_NUMBER = "\\+?[0-9]{3,20}";

    public record Call(String callId, String callerNumber, String ivrPath, String languageKey,
                       boolean emergencyKeyPressed, Instant receivedAt) {
    }

    /**
     * What became of a call: its ticket (opened now, or earlier for the same call id), or none when the caller chose
     * the satisfaction survey (IVR key 32): the telephony system then plays the survey and posts the answers to
     * feedback ({@code POST /api/v1/feedback/phone-responses}), and no ticket is opened.
     */
    public record Taken(Ticket ticket, boolean opened, IvrSelection toSurvey) {
        public Taken(Ticket ticket, boolean opened) {
            this(ticket, opened, null);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Taken take(Call call) {
        IntakeFields.requiredLine("callId", call.callId(), IntakeFields.REFERENCE);
        IntakeFields.notInTheFuture("receivedAt", call.receivedAt(), clock.instant());
        if (call.callerNumber() == null || !call.callerNumber().matches(CALLER_NUMBER)) {
            throw new InvalidFieldException("callerNumber", "must be 3-20 digits, optionally after +");
        }
        IvrSelection selection = menu.resolve(call.ivrPath() == null ? "" : call.ivrPath(), call.languageKey());
        if (selection.toSurvey() && !call.emergencyKeyPressed()) {
            return new Taken(null, false, selection); // nothing written: the survey is feedback's
        }
        String canonical = String.join("|", call.callId(), call.callerNumber(), String.valueOf(call.ivrPath()),
                String.valueOf(call.languageKey()), Boolean.toString(call.emergencyKeyPressed()));
        Optional<String> earlier = idempotencyKeys.claim("call:" + call.callId(), canonical.getBytes(StandardCharsets.UTF_8));
        if (earlier.isPresent()) {
            return new Taken(Ticket.findById(earlier.get()), false);
        }
        IntakeFacts facts = IntakeFacts.of(Channel.PHONE).withIvr(selection)
                .withEmergency(call.emergencyKeyPressed() || selection.emergency());
        Optional<Customer> caller = Customer.byCallerNumber(call.callerNumber());
        String customerId = caller.map(c -> c.id).orElse(null);
        if (caller.isPresent()) {
            facts = facts.withTier(caller.get().tier, caller.get().tier + " from caller number " + call.callerNumber()
                    + " (customer " + caller.get().id + ")");
        }
        String summary = "Phone call " + call.callId() + ": " + selection.category()
                + (selection.fallback() ? " (" + selection.reason() + ")" : "");
        TicketOpening.Intake intake = opening.open(new TicketOpening.NewWork(Channel.PHONE,
                customerId != null ? customerId : unknownCallers.idOf(call.callerNumber()), facts, summary, null,
                selection.product(), null, selection.language(), null, null, call.callId(), "telephony",
                selection.skill(), call.receivedAt()));
        idempotencyKeys.settle("call:" + call.callId(), intake.ticket().id);
        return new Taken(intake.ticket(), intake.opened());
    }
}
