package io.switchboard.escalation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testkit.ServiceContractTest;

/** The escalation service starts against the real local stack and keeps the operators' contract. */
@QuarkusTest
@QuarkusTestResource(EscalationStack.class)
class EscalationServiceTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "escalation";
    }
}
