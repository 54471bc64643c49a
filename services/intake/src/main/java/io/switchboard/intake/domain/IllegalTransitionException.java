package io.switchboard.intake.domain;

import io.switchboard.contracts.common.TicketStatus;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A lifecycle move that the ticket's status does not allow: a conflict with the ticket's state, not bad input. */
public class IllegalTransitionException extends RuntimeException {

    private final TicketStatus from;
    private final String attempted;
    private final Set<TicketAction> allowed;

    public IllegalTransitionException(TicketStatus from, String attempted, Set<TicketAction> allowed) {
        super(String.format("cannot %s: the ticket is %s; allowed from %s: %s", attempted, from, from,
                allowed.isEmpty() ? "nothing" : allowed.stream().map(Enum::name).collect(Collectors.joining(", "))));
        this.from = from;
        this.attempted = attempted;
        Set<TicketAction> copy = EnumSet.noneOf(TicketAction.class);
        copy.addAll(allowed);
        this.allowed = Collections.unmodifiableSet(copy);
    }

    public TicketStatus from() {
        return from;
    }

    /** The action's name, or "change status to X". */
    public String attempted() {
        return attempted;
    }

    public Set<TicketAction> allowed() {
        return allowed;
    }
}
