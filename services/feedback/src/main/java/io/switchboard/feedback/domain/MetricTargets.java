package io.switchboard.feedback.domain;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The desk's targets: CSAT average 4.5 or more, NPS 75 or more, first-contact resolution 85% or more, handling time
 * 8 minutes or less. Spec: {@code csat=4.5;nps=75;fcr=0.85;handling=PT8M}.
 */
public record MetricTargets(double csat, double nps, double fcrRate, Duration handling) {

    private static final Set<String> KEYS = Set.of("csat", "nps", "fcr", "handling");

    public static MetricTargets parse(String spec) {
        String context = "metric targets";
        Map<String, String> a = Specs.attributes(spec, KEYS, context);
        try {
            return new MetricTargets(Double.parseDouble(Specs.required(a, "csat", context)),
                    Double.parseDouble(Specs.required(a, "nps", context)),
                    Specs.share(Specs.required(a, "fcr", context), "fcr", context),
                    Specs.duration(Specs.required(a, "handling", context), "handling", context));
        } catch (NumberFormatException e) {
            throw new InvalidPolicyException(context + ": csat and nps must be numbers");
        }
    }
}
