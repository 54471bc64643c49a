package io.switchboard.compensation.config;

import io.switchboard.calendar.CalendarSpec;
import io.switchboard.compensation.domain.DefaultPolicies;
import io.switchboard.compensation.domain.DisputePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The dispute policy from configuration, or the defaults of domain.md. */
@ApplicationScoped
public class DisputePolicyProducer {

    @Produces
    @Singleton
    DisputePolicy disputePolicy(CompensationConfig config) {
        return DisputePolicy.parse(config.disputes().orElse(DefaultPolicies.get("disputes")),
                CalendarSpec.parse(config.disputeCalendar().orElse(DefaultPolicies.get("dispute-calendar"))));
    }
}
