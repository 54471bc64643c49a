package io.switchboard.compensation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testkit.ServiceContractTest;

/** The compensation service starts against the real local stack and keeps the operators' contract. */
@QuarkusTest
@QuarkusTestResource(CompensationStack.class)
class CompensationServiceTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "compensation";
    }
}
