package io.switchboard.routing.config;

import io.switchboard.routing.domain.Router;
import io.switchboard.routing.domain.RoutingPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the domain's policy objects from configuration once, failing start-up on a bad entry. */
@ApplicationScoped
public class PolicyProducer {

    @Produces
    @Singleton
    RoutingPolicy policy(RoutingConfig config) {
        return RoutingPolicy.parse(config.policy());
    }

    @Produces
    @Singleton
    Router router(RoutingPolicy policy) {
        return new Router(policy);
    }
}
