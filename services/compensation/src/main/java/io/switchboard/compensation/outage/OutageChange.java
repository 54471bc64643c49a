package io.switchboard.compensation.outage;

import io.switchboard.compensation.domain.InvalidFieldException;
import io.switchboard.compensation.domain.Period;

import java.time.Instant;
import java.util.List;

/**
 * An outage as a report, an end or a correction states it, whether it came from the inbound topic or an
 * operator: both go through {@link OutageService} with one of these. {@code resourceIds} null keeps the recorded
 * ones (the topic's reports and ends name no resources).
 */
public record OutageChange(String outageId, String product, String region, List<String> customerIds,
                           List<String> resourceIds, String summary, Instant startedAt, Instant endedAt, String actor,
                           String reason) {

    private static final int MAX_IDS = 10_000;

    /** Refuses a bad field by name, before anything is written. */
    public OutageChange validated() {
        text("outageId", outageId, 128);
        text("product", product, 64);
        text("region", region, 64);
        List<String> resources = resourceIds == null ? List.of() : resourceIds;
        if (customerIds.size() > MAX_IDS || resources.size() > MAX_IDS) {
            throw new InvalidFieldException(customerIds.size() > MAX_IDS ? "customerIds" : "resourceIds", "at most " + MAX_IDS + " ids");
        }
        for (int i = 0; i < customerIds.size(); i++) {
            text("customerIds[" + i + "]", customerIds.get(i), 64);
        }
        for (int i = 0; i < resources.size(); i++) {
            text("resourceIds[" + i + "]", resources.get(i), 64);
        }
        if (summary != null && summary.length() > 2000) {
            throw new InvalidFieldException("summary", "at most 2000 characters");
        }
        if (startedAt == null) {
            throw new InvalidFieldException("startedAt", "is required");
        }
        if (endedAt != null) {
            new Period(startedAt, endedAt);
        }
        return this;
    }

    private static void text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required");
        }
        if (value.length() > max) {
            throw new InvalidFieldException(field, "at most " + max + " characters");
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidFieldException(field, "must be printable text on one line");
        }
    }
}
