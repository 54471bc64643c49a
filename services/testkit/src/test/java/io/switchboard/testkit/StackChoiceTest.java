package io.switchboard.testkit;

import io.switchboard.testkit.StackChoice.Decision;
import io.switchboard.testkit.StackChoice.DockerStatus;
import io.switchboard.testkit.StackChoice.Kind;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code SWITCHBOARD_STACK} and the fallback decision, with a Docker probe of the test's own. */
class StackChoiceTest {

    private static final Supplier<DockerStatus> NEVER_ASKED = () -> {
        throw new AssertionError("Docker probed although containers were not asked for");
    };

    @Test
    void unsetOrBlankIsTheLocalStack() {
        assertEquals(Kind.LOCAL, StackChoice.parse(null));
        assertEquals(Kind.LOCAL, StackChoice.parse(""));
        assertEquals(Kind.LOCAL, StackChoice.parse("  "));
    }

    @Test
    void namesTheTwoStacksWhateverTheirCase() {
        assertEquals(Kind.LOCAL, StackChoice.parse("local"));
        assertEquals(Kind.CONTAINERS, StackChoice.parse("containers"));
        assertEquals(Kind.CONTAINERS, StackChoice.parse(" Containers\n"));
    }

    @Test
    void anyOtherValueFailsNamingTheAllowedOnes() {
        for (String value : new String[] {"docker", "testcontainers", "container", "shared"}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> StackChoice.decide(value, NEVER_ASKED));
            assertTrue(e.getMessage().startsWith("SWITCHBOARD_STACK=" + value + " is not a stack"), e.getMessage());
            assertTrue(e.getMessage().contains("allowed: local, containers"), e.getMessage());
        }
    }

    @Test
    void localNeverProbesDocker() {
        assertEquals(new Decision(Kind.LOCAL, Optional.empty()), StackChoice.decide(null, NEVER_ASKED));
        assertEquals(new Decision(Kind.LOCAL, Optional.empty()), StackChoice.decide("local", NEVER_ASKED));
    }

    @Test
    void containersWhereDockerAnswers() {
        assertEquals(new Decision(Kind.CONTAINERS, Optional.empty()),
                StackChoice.decide("containers", () -> DockerStatus.answers("Docker 1.47")));
    }

    @Test
    void containersWithoutDockerFallBackToTheLocalStackWithOneWarning() {
        Decision decision = StackChoice.decide("containers", () -> DockerStatus.none("no socket"));
        assertEquals(new Decision(Kind.LOCAL, Optional.of(
                "SWITCHBOARD_STACK=containers, but no Docker engine answers (no socket): using the local stack")), decision);
    }

    @Test
    void aProbeThatFailsCountsAsNoDocker() {
        Decision thrown = StackChoice.decide("containers", () -> {
            throw new IllegalStateException("boom");
        });
        assertEquals(Kind.LOCAL, thrown.kind());
        assertTrue(thrown.warning().orElseThrow().contains("(the Docker probe failed: java.lang.IllegalStateException: boom)"),
                thrown.warning().orElseThrow());

        Decision missing = StackChoice.decide("containers", () -> {
            throw new NoClassDefFoundError("org/testcontainers/DockerClientFactory");
        });
        assertEquals(Kind.LOCAL, missing.kind());
    }
}
