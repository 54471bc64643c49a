package io.switchboard.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's local stack as tests see it: its addresses (the same SWITCHBOARD_* variables and
 * defaults as deploy/stack-env.sh), and a way to start it when a test runs alone (from an IDE, or
 * {@code ./mvnw -pl services/x verify}) and nothing is listening yet. A stack started here is
 * stopped when the test JVM exits; one that was already up is left alone.
 */
public final class LocalStack {

    public static final String HOST = "127.0.0.1";
    private static boolean ensured;

    public static int kafkaPort() {
        return port("SWITCHBOARD_KAFKA_PORT", 19092);
    }

    public static int postgresPort() {
        return port("SWITCHBOARD_PG_PORT", 15432);
    }

    public static int registryPort() {
        return port("SWITCHBOARD_REGISTRY_PORT", 18080);
    }

    public static int mongoPort() {
        return port("SWITCHBOARD_MONGO_PORT", 27018);
    }

    public static String bootstrapServers() {
        return HOST + ":" + kafkaPort();
    }

    /** Apicurio's core v3 API. */
    public static String registryUrl() {
        return "http://" + HOST + ":" + registryPort() + "/apis/registry/v3";
    }

    /** Apicurio's Confluent-compatible API, as a partner's client would use it. */
    public static String confluentCompatibleUrl() {
        return "http://" + HOST + ":" + registryPort() + "/apis/ccompat/v7";
    }

    public static synchronized void ensureUp() {
        if (ensured) {
            return;
        }
        if (!isUp()) {
            Path root = projectRoot();
            run(root, "up");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> run(root, "down"), "local-stack-down"));
        }
        ensured = true;
    }

    public static boolean isUp() {
        return List.of(kafkaPort(), postgresPort(), registryPort(), mongoPort()).stream().allMatch(LocalStack::listening);
    }

    private static void run(Path root, String command) {
        try {
            Process process = new ProcessBuilder("bash", root.resolve("deploy/stack.sh").toString(), command)
                    .directory(root.toFile()).inheritIO().start();
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("deploy/stack.sh " + command + " failed; see .stack/logs");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run deploy/stack.sh " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running deploy/stack.sh " + command, e);
        }
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
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private LocalStack() {
    }
}
