package io.switchboard.intake.channel;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.contracts.common.Severity;
import io.switchboard.intake.domain.DedupKey;
import io.switchboard.intake.domain.IntakeFields;
import io.switchboard.intake.domain.InvalidFieldException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A receiver compatible with the PagerDuty Events API v2 ({@code /v2/enqueue}): existing monitoring
 * points at it unchanged. It answers as PagerDuty does: 202 with the dedup key, or 400 with the
 * list of what is wrong with the event.
 */
@Path("/api/v1/events/pagerduty")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PagerDutyResource {

    static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    /** PagerDuty's own timestamps, e.g. 2015-07-17T08:42:58.315+0000, besides ISO 8601 offsets. */
    private static final DateTimeFormatter PAGERDUTY_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS][.SS][.S]").appendPattern("[XXX][XX][X]").toFormatter(Locale.ROOT);

    private final Integrations integrations;
    private final MonitoringIntake monitoring;
    private final Clock clock;

    PagerDutyResource(Integrations integrations, MonitoringIntake monitoring, Clock clock) {
        this.integrations = integrations;
        this.monitoring = monitoring;
        this.clock = clock;
    }

    public record Accepted(String status, String message, String dedup_key) {
    }

    public record Invalid(String status, String message, List<String> errors) {
    }

    /**
     * No bearer token: PagerDuty's model is kept, so that existing monitoring points here unchanged.
     * The routing key is the credential: an unknown one is refused (400, as PagerDuty answers), and
     * each key maps to its own source, customer and category, so a sender can only file what its key
     * allows. Treat routing keys as secrets (docs/services/intake.md).
     */
    @POST
    @PermitAll
    public Response enqueue(JsonNode event) {
        List<String> errors = new ArrayList<>();
        if (event == null || !event.isObject()) {
            return invalid(List.of("body: must be a JSON object"));
        }
        String routingKey = text(event, "routing_key");
        String action = text(event, "event_action");
        String dedupKey = text(event, "dedup_key");
        Integrations.Integration integration = routingKey == null ? null : integrations.integrations().get(routingKey);
        if (routingKey == null) {
            errors.add("routing_key: is required");
        } else if (integration == null) {
            errors.add("routing_key: is not a configured integration");
        }
        if (action == null || !ACTIONS.contains(action)) {
            errors.add("event_action: must be one of trigger, acknowledge, resolve");
        }
        if (dedupKey != null) {
            try {
                dedupKey = DedupKey.normalise("dedup_key", dedupKey);
            } catch (InvalidFieldException e) {
                errors.add("dedup_key: " + e.problem());
            }
        } else if (!"trigger".equals(action)) {
            errors.add("dedup_key: is required to " + action);
        }
        MonitoringIntake.Trigger trigger = "trigger".equals(action) && integration != null
                ? trigger(event.path("payload"), integration, dedupKey, errors) : null;
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        String key = dedupKey != null ? dedupKey : trigger.dedupKey();
        String source = integration.source();
        QuarkusTransaction.requiringNew().run(() -> {
            switch (action) {
                case "trigger" -> monitoring.trigger(trigger);
                case "acknowledge" -> monitoring.acknowledge(source, key);
                default -> monitoring.resolve(source, key);
            }
        });
        return Response.accepted(new Accepted("success", "Event processed", key)).build();
    }

    private MonitoringIntake.Trigger trigger(JsonNode payload, Integrations.Integration integration, String dedupKey,
                                             List<String> errors) {
        if (!payload.isObject()) {
            errors.add("payload: is required to trigger");
            return null;
        }
        String summary = text(payload, "summary");
        String source = text(payload, "source");
        String severity = text(payload, "severity");
        check(errors, () -> IntakeFields.requiredLine("payload.summary", summary, IntakeFields.SUMMARY));
        if (source == null) {
            errors.add("payload.source: is required");
        }
        String component = text(payload, "component");
        check(errors, () -> IntakeFields.line("payload.component", component, IntakeFields.PRODUCT));
        Severity parsed = null;
        if (severity == null || !Set.of("critical", "error", "warning", "info").contains(severity)) {
            errors.add("payload.severity: must be one of critical, error, warning, info");
        } else {
            parsed = Severity.valueOf(severity.toUpperCase(Locale.ROOT));
        }
        String timestamp = text(payload, "timestamp");
        Instant startedAt = null;
        if (timestamp != null) {
            try {
                startedAt = OffsetDateTime.parse(timestamp, PAGERDUTY_TIME).toInstant();
                if (startedAt.isAfter(clock.instant().plus(PhoneIntake.MAX_CLOCK_SKEW))) {
                    errors.add("payload.timestamp: is in the future");
                }
            } catch (DateTimeParseException e) {
                errors.add("payload.timestamp: is not an ISO 8601 date-time");
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        String description = describe(source, component, text(payload, "group"), text(payload, "class"), payload.path("custom_details"));
        return new MonitoringIntake.Trigger(integration.source(), integration.customer(),
                dedupKey != null ? dedupKey : UUID.randomUUID().toString(), summary, parsed,
                integration.product().orElse(null), integration.category().orElse(null), component, description, startedAt);
    }

    /** Runs one of {@link IntakeFields}' checks, collecting its complaint as PagerDuty lists errors. */
    private static void check(List<String> errors, Runnable check) {
        try {
            check.run();
        } catch (InvalidFieldException e) {
            errors.add(e.getMessage());
        }
    }

    private static String describe(String source, String component, String group, String eventClass, JsonNode details) {
        StringBuilder text = new StringBuilder("source: ").append(source);
        if (component != null) {
            text.append("\ncomponent: ").append(component);
        }
        if (group != null) {
            text.append("\ngroup: ").append(group);
        }
        if (eventClass != null) {
            text.append("\nclass: ").append(eventClass);
        }
        if (!details.isMissingNode() && !details.isNull()) {
            text.append("\ncustom_details: ").append(details);
        }
        return text.length() > 20_000 ? text.substring(0, 20_000) : text.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank() ? null : value.asText().trim();
    }

    private static Response invalid(List<String> errors) {
        return Response.status(400).entity(new Invalid("invalid event", "Event object is invalid", errors)).build();
    }
}
