package io.switchboard.intake.config;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.intake.domain.IvrMenu;
import io.switchboard.intake.domain.SupportLevels;
import io.switchboard.testkit.LocalStackResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shipped configuration, loaded as the service loads it, gives the defaults of domain.md: no policy in
 * application.properties shadows the defaults file with a copy that could drift from it.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ShippedPoliciesTest {

    @Inject
    IntakePolicies configured;
    @Inject
    IvrMenu ivrMenu;
    @Inject
    SupportLevels supportLevels;

    @Test
    void theShippedConfigurationSetsNoPolicyOfItsOwn() {
        assertEquals(0, configured.priorityMatrix().size() + configured.severity().size() + configured.categories().size()
                + configured.emergency().size() + configured.fallbacks().size() + configured.ivr().size()
                + configured.supportLevels().size(), "every default lives in default-policies.properties only");
    }

    @Test
    void theServiceRunsOnTheDefaults() {
        assertEquals(IvrMenu.defaults(), ivrMenu);
        assertEquals(SupportLevels.defaults(), supportLevels);
    }
}
