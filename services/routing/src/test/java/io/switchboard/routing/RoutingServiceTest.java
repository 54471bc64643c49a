package io.switchboard.routing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testkit.ServiceContractTest;

/** The routing service starts against the real local stack and keeps the operators' contract. */
@QuarkusTest
@QuarkusTestResource(io.switchboard.routing.flow.RoutingStack.class)
class RoutingServiceTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "routing";
    }
}
