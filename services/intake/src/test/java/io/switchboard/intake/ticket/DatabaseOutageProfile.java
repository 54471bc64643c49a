package io.switchboard.intake.ticket;

/**
 * Intake behind the cuttable proxy. The service's own pool and driver timeouts (application.properties)
 * stay as shipped: the test checks that they give a quick answer.
 */
public class DatabaseOutageProfile extends io.switchboard.testkit.DatabaseOutageProfile {

    @Override
    protected String database() {
        return "intake";
    }
}
