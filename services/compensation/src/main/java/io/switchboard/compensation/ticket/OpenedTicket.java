package io.switchboard.compensation.ticket;

import io.switchboard.contracts.tickets.TicketOpened;

import java.time.Instant;
import java.util.Optional;

/** A customer's ticket as statements link it to outages: what its opening says, fitted to the columns that keep it. */
record OpenedTicket(String ticketId, String customerId, String product, String region, String summary, Instant openedAt) {

    static final int ID_LENGTH = 64;
    static final int SUMMARY_LENGTH = 500;

    /** Empty when the ids are not ids of ours to link: evidence only, nothing to refuse. */
    static Optional<OpenedTicket> of(TicketOpened t) {
        if (t.getTicketId().length() > ID_LENGTH || t.getCustomerId().length() > ID_LENGTH) {
            return Optional.empty();
        }
        String summary = t.getSummary() == null ? null : t.getSummary().substring(0, Math.min(SUMMARY_LENGTH, t.getSummary().length()));
        return Optional.of(new OpenedTicket(t.getTicketId(), t.getCustomerId(), fit(t.getProduct()), fit(t.getRegion()), summary,
                t.getOpenedAt()));
    }

    /** A product or region too long for its column is left out rather than refused. */
    private static String fit(String value) {
        return value == null || value.length() > ID_LENGTH ? null : value;
    }
}
