package io.switchboard.intake.ticket;

/** A ticket id that does not exist. */
public class TicketNotFoundException extends RuntimeException {
    public TicketNotFoundException(String id) {
        super("ticket " + id + " does not exist");
    }
}
