package io.switchboard.intake.domain;

import io.switchboard.contracts.common.TicketStatus;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import static io.switchboard.contracts.common.TicketStatus.ACKNOWLEDGED;
import static io.switchboard.contracts.common.TicketStatus.IN_PROGRESS;
import static io.switchboard.contracts.common.TicketStatus.OPEN;
import static io.switchboard.contracts.common.TicketStatus.REOPENED;
import static io.switchboard.contracts.common.TicketStatus.WAITING_ON_CUSTOMER;

/** The legal moves between ticket statuses; see {@link TicketAction}. */
public final class TicketLifecycle {

    /** Statuses in which the problem is still being worked on; a repeated report with the ticket's dedup key joins it. */
    public static final Set<TicketStatus> OPEN_STATUSES =
            Collections.unmodifiableSet(EnumSet.of(OPEN, ACKNOWLEDGED, IN_PROGRESS, WAITING_ON_CUSTOMER, REOPENED));

    /** Targets of the generic status change; resolving, reopening and closing have their own calls. */
    public static final Set<TicketStatus> STATUS_CHANGE_TARGETS =
            Collections.unmodifiableSet(EnumSet.of(ACKNOWLEDGED, IN_PROGRESS, WAITING_ON_CUSTOMER));

    public static boolean isOpen(TicketStatus status) {
        return OPEN_STATUSES.contains(status);
    }

    /** The actions allowed from a status, in a stable order; empty for a closed ticket. */
    public static Set<TicketAction> allowedActions(TicketStatus from) {
        Set<TicketAction> allowed = EnumSet.noneOf(TicketAction.class);
        Arrays.stream(TicketAction.values()).filter(action -> action.isAllowedFrom(from)).forEach(allowed::add);
        return Collections.unmodifiableSet(allowed);
    }

    /**
     * The status after the action.
     *
     * @throws IllegalTransitionException when the action is not allowed from {@code from}
     */
    public static TicketStatus apply(TicketStatus from, TicketAction action) {
        requireKnown(from, "from");
        Objects.requireNonNull(action, "action");
        if (!action.isAllowedFrom(from)) {
            throw new IllegalTransitionException(from, action.name(), allowedActions(from));
        }
        return action.target();
    }

    /**
     * The action that a status change from {@code from} to {@code to} stands for.
     *
     * @throws InvalidFieldException       ({@code status}) when {@code to} is not one of {@link #STATUS_CHANGE_TARGETS}
     * @throws IllegalTransitionException when the change is not allowed from {@code from}
     */
    public static TicketAction changeStatus(TicketStatus from, TicketStatus to) {
        requireKnown(from, "from");
        if (!STATUS_CHANGE_TARGETS.contains(to)) {
            throw new InvalidFieldException("status", "must be one of ACKNOWLEDGED, IN_PROGRESS, WAITING_ON_CUSTOMER"
                    + (to == null || Enums.isUnknown(to) ? "" : "; " + to + " has its own call"));
        }
        return Arrays.stream(TicketAction.values())
                .filter(action -> action.target() == to && action.isAllowedFrom(from))
                .findFirst()
                .orElseThrow(() -> new IllegalTransitionException(from, "change status to " + to, allowedActions(from)));
    }

    private static void requireKnown(TicketStatus status, String what) {
        Objects.requireNonNull(status, what);
        Enums.requireKnown(status, "ticket status");
    }

    private TicketLifecycle() {
    }
}
