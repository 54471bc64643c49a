package io.switchboard.intake.channel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;
import java.util.Optional;

/**
 * Monitoring integrations, under {@code switchboard.intake.monitoring}: a PagerDuty-style routing key names
 * the source, the customer its incidents are for, and their product and category; Alertmanager
 * labels are read by configurable names.
 */
@ConfigMapping(prefix = "switchboard.intake.monitoring")
public interface Integrations {

    /** Routing key to integration. */
    Map<String, Integration> integrations();

    Alertmanager alertmanager();

    interface Integration {
        /** The dedup source: a dedup key is unique per source. */
        String source();

        /** The customer incidents of this integration are for. */
        String customer();

        Optional<String> product();

        Optional<String> category();
    }

    interface Alertmanager {
        /** Dedup source of alerts; the key is derived from the alert's fingerprint. */
        @WithDefault("alertmanager")
        String source();

        /** Customer of alerts that carry no customer label. */
        @WithDefault("internal-operations")
        String defaultCustomer();

        @WithDefault("severity")
        String severityLabel();

        @WithDefault("service")
        String serviceLabel();

        @WithDefault("customer")
        String customerLabel();

        /** Alert severity label value to monitoring severity (critical, error, warning, info). */
        Map<String, String> severities();
    }
}
