package io.switchboard.intake.channel;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.contracts.common.Severity;
import io.switchboard.intake.domain.DedupKey;
import io.switchboard.web.ProblemException;
import io.switchboard.web.Text;
import io.switchboard.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Prometheus Alertmanager webhook receiver (payload version 4). Every alert is an incident whose
 * dedup key derives from its fingerprint: firing opens a ticket or adds an occurrence, resolved
 * resolves it. Which labels carry severity, service and customer is configuration.
 */
@Path("/api/v1/events/alertmanager")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AlertmanagerResource {

    private static final Map<String, Severity> DEFAULT_SEVERITIES = Map.of("critical", Severity.CRITICAL,
            "page", Severity.CRITICAL, "error", Severity.ERROR, "warning", Severity.WARNING, "info", Severity.INFO);

    private final Integrations.Alertmanager settings;
    private final MonitoringIntake monitoring;
    private final Clock clock;

    AlertmanagerResource(Integrations integrations, MonitoringIntake monitoring, Clock clock) {
        this.settings = integrations.alertmanager();
        this.monitoring = monitoring;
        this.clock = clock;
    }

    public record Webhook(@NotBlank @Pattern(regexp = "4", message = "must be \"4\"") String version,
                          String groupKey, String status, String receiver,
                          Map<String, String> groupLabels, Map<String, String> commonLabels,
                          Map<String, String> commonAnnotations, String externalURL,
                          @NotEmpty @Size(max = 1000) List<@Valid @NotNull Alert> alerts) {
    }

    public record Alert(@NotBlank @Pattern(regexp = "firing|resolved", message = "must be firing or resolved") String status,
                        @NotNull Map<String, String> labels, Map<String, String> annotations,
                        Instant startsAt, Instant endsAt, String generatorURL,
                        @NotBlank @Size(max = 128) String fingerprint) {
    }

    public record Processed(String status, int firing, int resolved) {
    }

    /** Alertmanager sends a {@code system} bearer token ({@code http_config.authorization} of its webhook config). */
    @POST
    @RolesAllowed(Roles.SYSTEM)
    public Processed receive(@Valid @NotNull Webhook webhook) {
        for (int i = 0; i < webhook.alerts().size(); i++) {
            Alert alert = webhook.alerts().get(i);
            String field = "alerts[" + i + "]";
            Text.requireSingleLine(field + ".fingerprint", alert.fingerprint());
            if (alert.startsAt() != null && alert.startsAt().isAfter(clock.instant().plus(PhoneIntake.MAX_CLOCK_SKEW))) {
                throw ProblemException.invalid(field + ".startsAt", "is in the future: " + alert.startsAt());
            }
        }
        int[] counts = new int[2];
        // One transaction for the whole notification: Alertmanager re-sends it whole on failure.
        QuarkusTransaction.requiringNew().run(() -> {
            for (Alert alert : webhook.alerts()) {
                String dedupKey = DedupKey.forAlert(alert.fingerprint());
                if ("resolved".equals(alert.status())) {
                    monitoring.resolve(settings.source(), dedupKey);
                    counts[1]++;
                } else {
                    monitoring.trigger(trigger(alert, dedupKey));
                    counts[0]++;
                }
            }
        });
        return new Processed("success", counts[0], counts[1]);
    }

    private MonitoringIntake.Trigger trigger(Alert alert, String dedupKey) {
        Map<String, String> labels = alert.labels();
        Map<String, String> annotations = alert.annotations() == null ? Map.of() : alert.annotations();
        String alertName = labels.getOrDefault("alertname", "alert " + alert.fingerprint());
        String summary = annotations.getOrDefault("summary", alertName);
        Text.requireSingleLine("alerts.annotations.summary", summary);
        String customer = labels.getOrDefault(settings.customerLabel(), settings.defaultCustomer());
        String description = annotations.getOrDefault("description", null);
        return new MonitoringIntake.Trigger(settings.source(), customer, dedupKey,
                summary.length() > 500 ? summary.substring(0, 500) : summary,
                severity(labels.get(settings.severityLabel())), labels.get(settings.serviceLabel()), null,
                labels.get("instance"), description);
    }

    private Severity severity(String label) {
        if (label == null) {
            return Severity.WARNING;
        }
        String key = label.toLowerCase(Locale.ROOT);
        String configured = settings.severities().get(key);
        if (configured != null) {
            return Severity.valueOf(configured.toUpperCase(Locale.ROOT));
        }
        return DEFAULT_SEVERITIES.getOrDefault(key, Severity.WARNING);
    }
}
