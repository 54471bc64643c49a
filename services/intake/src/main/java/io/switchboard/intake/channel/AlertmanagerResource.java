package io.switchboard.intake.channel;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.contracts.common.Severity;
import io.switchboard.intake.domain.DedupKey;
import io.switchboard.intake.domain.IntakeFields;
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

    /**
     * Alertmanager sends a {@code system} bearer token ({@code http_config.authorization} of its webhook config).
     * Every alert is checked before anything is written, with the limits every channel shares
     * ({@link IntakeFields}); a bad one refuses the notification with a 400 naming the field (e.g.
     * {@code alerts[0].labels.service}), which Alertmanager does not retry.
     */
    @POST
    @RolesAllowed(Roles.SYSTEM)
    public Processed receive(@Valid @NotNull Webhook webhook) {
        List<MonitoringIntake.Trigger> triggers = new java.util.ArrayList<>();
        for (int i = 0; i < webhook.alerts().size(); i++) {
            Alert alert = webhook.alerts().get(i);
            String field = "alerts[" + i + "]";
            IntakeFields.requiredLine(field + ".fingerprint", alert.fingerprint(), 128);
            IntakeFields.notInTheFuture(field + ".startsAt", alert.startsAt(), clock.instant());
            String dedupKey = DedupKey.forAlert(alert.fingerprint());
            triggers.add("resolved".equals(alert.status()) ? null : trigger(alert, dedupKey, field));
        }
        int[] counts = new int[2];
        // One transaction for the whole notification: Alertmanager re-sends it whole on failure.
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < webhook.alerts().size(); i++) {
                if (triggers.get(i) == null) {
                    monitoring.resolve(settings.source(), DedupKey.forAlert(webhook.alerts().get(i).fingerprint()));
                    counts[1]++;
                } else {
                    monitoring.trigger(triggers.get(i));
                    counts[0]++;
                }
            }
        });
        return new Processed("success", counts[0], counts[1]);
    }

    private MonitoringIntake.Trigger trigger(Alert alert, String dedupKey, String field) {
        Map<String, String> labels = alert.labels();
        Map<String, String> annotations = alert.annotations() == null ? Map.of() : alert.annotations();
        String alertName = IntakeFields.line(field + ".labels.alertname", labels.get("alertname"), IntakeFields.SUMMARY);
        String summary = annotations.get("summary") != null
                ? IntakeFields.requiredLine(field + ".annotations.summary", annotations.get("summary"), IntakeFields.SUMMARY)
                : alertName != null ? alertName : "alert " + alert.fingerprint();
        String customerLabel = IntakeFields.line(field + ".labels." + settings.customerLabel(),
                labels.get(settings.customerLabel()), IntakeFields.ID);
        String product = IntakeFields.line(field + ".labels." + settings.serviceLabel(), labels.get(settings.serviceLabel()),
                IntakeFields.PRODUCT);
        String instance = IntakeFields.line(field + ".labels.instance", labels.get("instance"), IntakeFields.PRODUCT);
        String description = IntakeFields.text(field + ".annotations.description", annotations.get("description"),
                IntakeFields.DESCRIPTION);
        return new MonitoringIntake.Trigger(settings.source(), customerLabel != null ? customerLabel : settings.defaultCustomer(),
                dedupKey, summary, severity(labels.get(settings.severityLabel())), product, null, instance, description,
                alert.startsAt());
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
