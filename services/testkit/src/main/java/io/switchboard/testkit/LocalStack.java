package io.switchboard.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The stack the tests run against, as tests see it: by default the project's local stack, with
 * its addresses (the same SWITCHBOARD_* variables and defaults as deploy/stack-env.sh) and a way to
 * start it when a test runs alone (from an IDE, or {@code ./mvnw -pl services/x verify}) and nothing
 * is listening yet. The servers started here are stopped when the test JVM exits; those that were
 * already up are left alone.
 *
 * <p>A port that answers is used only when the server behind it is this checkout's (started for
 * the same {@code SWITCHBOARD_STACK_DIR}, as {@code deploy/stack.sh check} tells): another
 * checkout's stack, with other databases and schemas, fails the test at once with a message naming
 * the port, whose stack answers and what to do. {@code SWITCHBOARD_STACK_SHARED=1} uses it anyway.
 *
 * <p>{@code SWITCHBOARD_STACK=containers} asks for a Testcontainers stack instead ({@link ContainerStack},
 * one per test JVM); where no Docker engine answers, one WARN line says so and the local stack is
 * used. {@code SWITCHBOARD_STACK=local} (or unset) is the local stack; any other value fails. The
 * address methods below answer for whichever stack was chosen.
 */
public final class LocalStack {

    /** The local stack's host, and where servers a test starts itself (a proxy) listen. */
    public static final String HOST = "127.0.0.1";
    private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());
    /**
     * The choice, once made, for the whole JVM: Quarkus loads the testkit once per application
     * class loader, and the warning is to be logged, and Docker probed, once.
     */
    private static final String CHOICE_MEMO = "switchboard.testkit.stack";
    private static boolean ensured;
    private static StackChoice.Kind kind;
    private static StackAddresses addresses;

    public static String bootstrapServers() {
        return addresses().bootstrapServers();
    }

    public static String postgresHost() {
        return addresses().postgresHost();
    }

    public static int postgresPort() {
        return addresses().postgresPort();
    }

    /** Apicurio's core v3 API. */
    public static String registryUrl() {
        return addresses().registryUrl();
    }

    /** Apicurio's Confluent-compatible API, as a partner's client would use it. */
    public static String confluentCompatibleUrl() {
        return addresses().confluentCompatibleUrl();
    }

    public static String mongoConnectionString() {
        return addresses().mongoConnectionString();
    }

    /**
     * The addresses of the chosen stack. The local stack's come from the environment (it is not
     * started here: see {@link #ensureUp()}); the Testcontainers stack is started by the first call.
     */
    public static synchronized StackAddresses addresses() {
        if (addresses == null) {
            addresses = kind() == StackChoice.Kind.CONTAINERS ? ContainerStack.start() : local();
        }
        return addresses;
    }

    /** The local stack's addresses, from the SWITCHBOARD_* variables of deploy/stack-env.sh. */
    static StackAddresses local() {
        return new StackAddresses(HOST + ":" + kafkaPort(), HOST, port("SWITCHBOARD_PG_PORT", 15432),
                env("SWITCHBOARD_PG_USER", "switchboard"), env("SWITCHBOARD_PG_PASSWORD", "switchboard"),
                "http://" + HOST + ":" + registryPort(), "mongodb://" + HOST + ":" + mongoPort());
    }

    /**
     * Which stack {@code SWITCHBOARD_STACK} asks for and this machine can give; decided once per
     * JVM. Testcontainers is loaded only when containers are asked for.
     */
    static synchronized StackChoice.Kind kind() {
        if (kind == null) {
            String decided = System.getProperty(CHOICE_MEMO);
            if (decided != null) {
                kind = StackChoice.Kind.valueOf(decided);
            } else {
                // A lambda, not a method reference: ContainerStack is resolved only if it runs.
                StackChoice.Decision decision = StackChoice.decide(System.getenv(StackChoice.VARIABLE),
                        () -> ContainerStack.dockerStatus());
                decision.warning().ifPresent(warning -> LOG.log(System.Logger.Level.WARNING, warning));
                kind = decision.kind();
                System.setProperty(CHOICE_MEMO, kind.name());
            }
        }
        return kind;
    }

    static int kafkaPort() {
        return port("SWITCHBOARD_KAFKA_PORT", 19092);
    }

    static int registryPort() {
        return port("SWITCHBOARD_REGISTRY_PORT", 18080);
    }

    static int mongoPort() {
        return port("SWITCHBOARD_MONGO_PORT", 27018);
    }

    /** Finds or starts the chosen stack (the local one: see the class comment). */
    public static synchronized void ensureUp() {
        if (ensured) {
            return;
        }
        if (kind() == StackChoice.Kind.CONTAINERS) {
            addresses();
            ensured = true;
            return;
        }
        Path root = projectRoot();
        Check check = check(root, Map.of());
        if (!check.ready()) {
            run(root, Map.of(), "up");
            if (!check.down().isEmpty()) {
                List<String> down = new ArrayList<>(List.of("down"));
                down.addAll(check.down());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> run(root, Map.of(), down.toArray(String[]::new)),
                        "local-stack-down"));
            }
        }
        ensured = true;
    }

    /** Whether every local stack server's port answers (whoever's server it is: see {@link #ensureUp()}). */
    public static boolean isUp() {
        return List.of(kafkaPort(), port("SWITCHBOARD_PG_PORT", 15432), registryPort(), mongoPort()).stream()
                .allMatch(LocalStack::listening);
    }

    /**
     * What {@code deploy/stack.sh check} says of the stack configured by the environment plus
     * {@code env}: whether all of it is up, and which servers are down (this run would start them).
     *
     * @throws IllegalStateException when a port answers for another stack (or this stack dir's
     *                               servers run on other ports than configured), with its explanation
     */
    static Check check(Path root, Map<String, String> env) {
        Result result = exec(root, env, "check");
        if (result.exit() == 3) {
            throw new IllegalStateException("The local stack that answers on this checkout's ports is not this checkout's "
                    + "(refusing to run tests against another stack's databases, topics and schemas):\n" + result.err());
        }
        if (result.exit() != 0 && result.exit() != 1) {
            throw new IllegalStateException("deploy/stack.sh check failed (exit " + result.exit() + "):\n" + result.err());
        }
        List<String> down = new ArrayList<>();
        for (String line : result.out().split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 2 && fields[1].equals("down")) {
                down.add(fields[0]);
            }
        }
        return new Check(result.exit() == 0, List.copyOf(down));
    }

    record Check(boolean ready, List<String> down) {
    }

    private record Result(int exit, String out, String err) {
    }

    private static void run(Path root, Map<String, String> env, String... command) {
        Result result = exec(root, env, command);
        if (result.exit() != 0) {
            throw new IllegalStateException("deploy/stack.sh " + String.join(" ", command) + " failed (exit "
                    + result.exit() + "); its logs are in the stack dir's logs/ folder:\n" + result.err());
        }
    }

    /** Runs deploy/stack.sh and returns its output; shown too (on stderr) unless it is a check. */
    private static Result exec(Path root, Map<String, String> env, String... command) {
        List<String> args = new ArrayList<>(List.of("bash", root.resolve("deploy/stack.sh").toString()));
        args.addAll(List.of(command));
        try {
            ProcessBuilder builder = new ProcessBuilder(args).directory(root.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            boolean echo = !command[0].equals("check");
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream(), echo));
            String err = read(process.getErrorStream(), echo);
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroy();
                throw new IllegalStateException("deploy/stack.sh " + String.join(" ", command) + " did not finish in 15 minutes");
            }
            return new Result(process.exitValue(), out.join(), err);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run deploy/stack.sh " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running deploy/stack.sh " + String.join(" ", command), e);
        }
    }

    private static String read(InputStream stream, boolean echo) {
        StringBuilder text = new StringBuilder();
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (echo) {
                    System.err.println(line);
                }
                text.append(line).append('\n');
            }
        } catch (IOException e) {
            text.append("(output unreadable: ").append(e.getMessage()).append(")\n");
        }
        return text.toString();
    }

    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("deploy/stack.sh"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("deploy/stack.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int port(String variable, int fallback) {
        return Integer.parseInt(env(variable, Integer.toString(fallback)).trim());
    }

    private static String env(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }

    private LocalStack() {
    }
}
