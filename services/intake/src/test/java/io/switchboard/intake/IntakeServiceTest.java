package io.switchboard.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.ServiceContractTest;

/** The intake service starts against the real local stack and keeps the operators' contract. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class IntakeServiceTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "intake";
    }
}
