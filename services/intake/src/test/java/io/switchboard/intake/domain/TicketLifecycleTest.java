package io.switchboard.intake.domain;

import io.switchboard.contracts.common.TicketStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.Set;

import static io.switchboard.intake.domain.TicketAction.ACKNOWLEDGE;
import static io.switchboard.intake.domain.TicketAction.CLOSE;
import static io.switchboard.intake.domain.TicketAction.REOPEN;
import static io.switchboard.intake.domain.TicketAction.RESOLVE;
import static io.switchboard.intake.domain.TicketAction.START_WORK;
import static io.switchboard.intake.domain.TicketAction.WAIT_ON_CUSTOMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TicketLifecycleTest {

    /** Every legal move, as "from, action, to"; anything else must be refused. */
    private static final String[] LEGAL = {
            "OPEN, ACKNOWLEDGE, ACKNOWLEDGED",
            "REOPENED, ACKNOWLEDGE, ACKNOWLEDGED",
            "ACKNOWLEDGED, START_WORK, IN_PROGRESS",
            "REOPENED, START_WORK, IN_PROGRESS",
            "WAITING_ON_CUSTOMER, START_WORK, IN_PROGRESS",
            "ACKNOWLEDGED, WAIT_ON_CUSTOMER, WAITING_ON_CUSTOMER",
            "IN_PROGRESS, WAIT_ON_CUSTOMER, WAITING_ON_CUSTOMER",
            "OPEN, RESOLVE, RESOLVED",
            "ACKNOWLEDGED, RESOLVE, RESOLVED",
            "IN_PROGRESS, RESOLVE, RESOLVED",
            "WAITING_ON_CUSTOMER, RESOLVE, RESOLVED",
            "REOPENED, RESOLVE, RESOLVED",
            "RESOLVED, REOPEN, REOPENED",
            "RESOLVED, CLOSE, CLOSED"};

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource({
            "OPEN, ACKNOWLEDGE, ACKNOWLEDGED",
            "REOPENED, ACKNOWLEDGE, ACKNOWLEDGED",
            "ACKNOWLEDGED, START_WORK, IN_PROGRESS",
            "REOPENED, START_WORK, IN_PROGRESS",
            "WAITING_ON_CUSTOMER, START_WORK, IN_PROGRESS",
            "ACKNOWLEDGED, WAIT_ON_CUSTOMER, WAITING_ON_CUSTOMER",
            "IN_PROGRESS, WAIT_ON_CUSTOMER, WAITING_ON_CUSTOMER",
            "OPEN, RESOLVE, RESOLVED",
            "ACKNOWLEDGED, RESOLVE, RESOLVED",
            "IN_PROGRESS, RESOLVE, RESOLVED",
            "WAITING_ON_CUSTOMER, RESOLVE, RESOLVED",
            "REOPENED, RESOLVE, RESOLVED",
            "RESOLVED, REOPEN, REOPENED",
            "RESOLVED, CLOSE, CLOSED"})
    void legalMove(TicketStatus from, TicketAction action, TicketStatus to) {
        assertEquals(to, TicketLifecycle.apply(from, action));
    }

    @Test
    void everyOtherMoveIsRefused() {
        Set<String> legal = Set.of(LEGAL);
        int refused = 0;
        for (TicketStatus from : Enums.known(TicketStatus.class)) {
            for (TicketAction action : TicketAction.values()) {
                String move = from + ", " + action + ", " + action.target();
                if (!legal.contains(move)) {
                    assertThrows(IllegalTransitionException.class, () -> TicketLifecycle.apply(from, action), move);
                    refused++;
                }
            }
        }
        assertEquals(7 * 6 - LEGAL.length, refused);
    }

    @Test
    void anIllegalMoveSaysWhatIsAllowed() {
        var error = assertThrows(IllegalTransitionException.class, () -> TicketLifecycle.apply(TicketStatus.OPEN, START_WORK));
        assertEquals("cannot START_WORK: the ticket is OPEN; allowed from OPEN: ACKNOWLEDGE, RESOLVE", error.getMessage());
        assertEquals(TicketStatus.OPEN, error.from());
        assertEquals("START_WORK", error.attempted());
        assertEquals(EnumSet.of(ACKNOWLEDGE, RESOLVE), error.allowed());
    }

    @Test
    void aClosedTicketCannotBeReopened() {
        var error = assertThrows(IllegalTransitionException.class, () -> TicketLifecycle.apply(TicketStatus.CLOSED, REOPEN));
        assertEquals("cannot REOPEN: the ticket is CLOSED; allowed from CLOSED: nothing", error.getMessage());
    }

    @Test
    void aResolvedTicketCannotBeResolvedAgain() {
        var error = assertThrows(IllegalTransitionException.class, () -> TicketLifecycle.apply(TicketStatus.RESOLVED, RESOLVE));
        assertEquals("cannot RESOLVE: the ticket is RESOLVED; allowed from RESOLVED: REOPEN, CLOSE", error.getMessage());
    }

    @Test
    void anOpenTicketCannotBeClosedWithoutBeingResolved() {
        var error = assertThrows(IllegalTransitionException.class, () -> TicketLifecycle.apply(TicketStatus.IN_PROGRESS, CLOSE));
        assertEquals("cannot CLOSE: the ticket is IN_PROGRESS; allowed from IN_PROGRESS: WAIT_ON_CUSTOMER, RESOLVE", error.getMessage());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "OPEN | ACKNOWLEDGE, RESOLVE",
            "ACKNOWLEDGED | START_WORK, WAIT_ON_CUSTOMER, RESOLVE",
            "IN_PROGRESS | WAIT_ON_CUSTOMER, RESOLVE",
            "WAITING_ON_CUSTOMER | START_WORK, RESOLVE",
            "RESOLVED | REOPEN, CLOSE",
            "CLOSED | ''",
            "REOPENED | ACKNOWLEDGE, START_WORK, RESOLVE"})
    void allowedActions(TicketStatus from, String expected) {
        assertEquals(expected, String.join(", ", TicketLifecycle.allowedActions(from).stream().map(Enum::name).toList()));
    }

    @ParameterizedTest(name = "{0} -> {1} is {2}")
    @CsvSource({
            "OPEN, ACKNOWLEDGED, ACKNOWLEDGE",
            "REOPENED, ACKNOWLEDGED, ACKNOWLEDGE",
            "ACKNOWLEDGED, IN_PROGRESS, START_WORK",
            "REOPENED, IN_PROGRESS, START_WORK",
            "WAITING_ON_CUSTOMER, IN_PROGRESS, START_WORK",
            "ACKNOWLEDGED, WAITING_ON_CUSTOMER, WAIT_ON_CUSTOMER",
            "IN_PROGRESS, WAITING_ON_CUSTOMER, WAIT_ON_CUSTOMER"})
    void statusChange(TicketStatus from, TicketStatus to, TicketAction action) {
        assertEquals(action, TicketLifecycle.changeStatus(from, to));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "OPEN, IN_PROGRESS, 'cannot change status to IN_PROGRESS: the ticket is OPEN; allowed from OPEN: ACKNOWLEDGE, RESOLVE'",
            "OPEN, WAITING_ON_CUSTOMER, 'cannot change status to WAITING_ON_CUSTOMER: the ticket is OPEN; allowed from OPEN: ACKNOWLEDGE, RESOLVE'",
            "IN_PROGRESS, IN_PROGRESS, 'cannot change status to IN_PROGRESS: the ticket is IN_PROGRESS; allowed from IN_PROGRESS: WAIT_ON_CUSTOMER, RESOLVE'",
            "IN_PROGRESS, ACKNOWLEDGED, 'cannot change status to ACKNOWLEDGED: the ticket is IN_PROGRESS; allowed from IN_PROGRESS: WAIT_ON_CUSTOMER, RESOLVE'",
            "RESOLVED, IN_PROGRESS, 'cannot change status to IN_PROGRESS: the ticket is RESOLVED; allowed from RESOLVED: REOPEN, CLOSE'",
            "CLOSED, ACKNOWLEDGED, 'cannot change status to ACKNOWLEDGED: the ticket is CLOSED; allowed from CLOSED: nothing'"})
    void illegalStatusChange(TicketStatus from, TicketStatus to, String message) {
        var error = assertThrows(IllegalTransitionException.class, () -> TicketLifecycle.changeStatus(from, to));
        assertEquals(message, error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = {"OPEN", "RESOLVED", "CLOSED", "REOPENED"})
    void aStatusChangeCannotSetStatusesThatHaveTheirOwnCall(TicketStatus to) {
        var error = assertThrows(InvalidFieldException.class, () -> TicketLifecycle.changeStatus(TicketStatus.IN_PROGRESS, to));
        assertEquals("status", error.field());
        assertEquals("must be one of ACKNOWLEDGED, IN_PROGRESS, WAITING_ON_CUSTOMER; " + to + " has its own call", error.problem());
    }

    @Test
    void unknownStatusesAreRefused() {
        var target = assertThrows(InvalidFieldException.class,
                () -> TicketLifecycle.changeStatus(TicketStatus.OPEN, TicketStatus.UNKNOWN));
        assertEquals("status: must be one of ACKNOWLEDGED, IN_PROGRESS, WAITING_ON_CUSTOMER", target.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TicketLifecycle.apply(TicketStatus.UNKNOWN, RESOLVE));
    }

    @ParameterizedTest
    @CsvSource({"OPEN, true", "ACKNOWLEDGED, true", "IN_PROGRESS, true", "WAITING_ON_CUSTOMER, true", "REOPENED, true",
            "RESOLVED, false", "CLOSED, false", "UNKNOWN, false"})
    void isOpen(TicketStatus status, boolean open) {
        assertEquals(open, TicketLifecycle.isOpen(status));
    }

    @Test
    void actionsNameTheirTarget() {
        assertEquals(TicketStatus.WAITING_ON_CUSTOMER, WAIT_ON_CUSTOMER.target());
        assertEquals(TicketStatus.CLOSED, CLOSE.target());
    }
}
