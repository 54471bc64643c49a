package io.switchboard.feedback;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testkit.ServiceContractTest;

/** The feedback service starts against the real local stack and keeps the operators' contract. */
@QuarkusTest
@QuarkusTestResource(FeedbackStack.class)
class FeedbackServiceTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "feedback";
    }

    @Override
    protected String datastoreCheck() {
        return "MongoDB connection health check";
    }
}
