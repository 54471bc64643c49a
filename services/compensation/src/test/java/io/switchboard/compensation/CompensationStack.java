package io.switchboard.compensation;

import io.switchboard.deploy.StackSetup;
import io.switchboard.testkit.LocalStack;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.StackAddresses;

import java.util.Map;

/**
 * The testkit's stack, with this checkout's schemas registered first: a stack that was provisioned before this
 * service's schema changes (OutageCorrected, CreditAdjusted...) would refuse to serialize them otherwise.
 * Registration finds a schema already registered, so it is harmless on a fresh stack.
 */
public class CompensationStack extends LocalStackResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        StackAddresses a = LocalStack.addresses();
        try {
            StackSetup.registerSchemas(new StackSetup.Target(a.jdbcUrl("postgres"), a.postgresUser(), a.postgresPassword(),
                    a.bootstrapServers(), a.registryUrl()));
        } catch (Exception e) {
            throw new IllegalStateException("registering the schemas failed", e);
        }
        return config;
    }
}
