package io.switchboard.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@code SWITCHBOARD_STACK} as a test JVM sees it, each case in a JVM of its own (the choice is
 * made once per JVM, from the real environment): the default path never loads Testcontainers, and
 * {@code containers} on a machine without a Docker engine logs one warning and uses the local
 * stack. Neither starts a stack, nor needs Docker.
 */
class StackChoiceJvmTest {

    @Test
    void theDefaultPathLoadsNoTestcontainersClass() throws Exception {
        Run run = run(Map.of(), "-verbose:class");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("chosen: LOCAL " + LocalStack.local().bootstrapServers()), run.out());
        assertTrue(run.out().contains("io.switchboard.testkit.LocalStack "), "class loading is shown: " + run.out());
        List<String> loaded = run.out().lines()
                .filter(line -> line.contains("org.testcontainers.") || line.contains("io.switchboard.testkit.ContainerStack"))
                .toList();
        assertEquals(List.of(), loaded);
    }

    @Test
    void containersWithoutADockerEngineWarnOnceAndUseTheLocalStack() throws Exception {
        assumeFalse(ContainerStack.dockerStatus().available(),
                "a Docker engine answers here: SWITCHBOARD_STACK=containers would not fall back");
        Run run = run(Map.of("SWITCHBOARD_STACK", "containers"));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("chosen: LOCAL " + LocalStack.local().bootstrapServers()), run.out());
        List<String> warnings = run.err().lines()
                .filter(line -> line.contains("SWITCHBOARD_STACK=containers, but no Docker engine answers ("))
                .toList();
        assertEquals(1, warnings.size(), run.err());
        assertTrue(warnings.get(0).contains("WARN"), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("): using the local stack"), warnings.get(0));
    }

    @Test
    void anUnknownValueFails() throws Exception {
        Run run = run(Map.of("SWITCHBOARD_STACK", "docker"));
        assertNotEquals(0, run.exit());
        assertTrue(run.err().contains("SWITCHBOARD_STACK=docker is not a stack the testkit knows; allowed: local, containers"),
                run.err());
        assertFalse(run.out().contains("chosen:"), run.out());
    }

    private record Run(int exit, String out, String err) {
    }

    /** Runs {@link StackChoiceMain} in a new JVM with the test's class path, logging as a test JVM does. */
    private static Run run(Map<String, String> env, String... jvmOptions) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", classPath));
        command.addAll(List.of(jvmOptions));
        command.add(StackChoiceMain.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("SWITCHBOARD_STACK");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        String err = read(process.getErrorStream());
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the JVM did not finish in 2 minutes");
        return new Run(process.exitValue(), out.join(), err);
    }

    private static String read(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
