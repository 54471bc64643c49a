package io.switchboard.intake.domain;

import io.switchboard.contracts.common.TicketStatus;

import java.util.EnumSet;
import java.util.Set;

import static io.switchboard.contracts.common.TicketStatus.ACKNOWLEDGED;
import static io.switchboard.contracts.common.TicketStatus.CLOSED;
import static io.switchboard.contracts.common.TicketStatus.IN_PROGRESS;
import static io.switchboard.contracts.common.TicketStatus.OPEN;
import static io.switchboard.contracts.common.TicketStatus.REOPENED;
import static io.switchboard.contracts.common.TicketStatus.RESOLVED;
import static io.switchboard.contracts.common.TicketStatus.WAITING_ON_CUSTOMER;

/** What can be done to a ticket: the status it leads to and the statuses it is allowed from. */
public enum TicketAction {
    ACKNOWLEDGE(ACKNOWLEDGED, EnumSet.of(OPEN, REOPENED)),
    START_WORK(IN_PROGRESS, EnumSet.of(ACKNOWLEDGED, REOPENED, WAITING_ON_CUSTOMER)),
    WAIT_ON_CUSTOMER(WAITING_ON_CUSTOMER, EnumSet.of(ACKNOWLEDGED, IN_PROGRESS)),
    RESOLVE(RESOLVED, TicketLifecycle.OPEN_STATUSES),
    REOPEN(REOPENED, EnumSet.of(RESOLVED)),
    CLOSE(CLOSED, EnumSet.of(RESOLVED));

    private final TicketStatus target;
    private final Set<TicketStatus> allowedFrom;

    TicketAction(TicketStatus target, Set<TicketStatus> allowedFrom) {
        this.target = target;
        this.allowedFrom = Set.copyOf(allowedFrom);
    }

    public TicketStatus target() {
        return target;
    }

    public boolean isAllowedFrom(TicketStatus status) {
        return allowedFrom.contains(status);
    }
}
