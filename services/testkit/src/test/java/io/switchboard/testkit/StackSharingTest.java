package io.switchboard.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/stack.sh and {@link LocalStack} on a machine shared with other stacks: a throwaway stack
 * dir ("a", only its PostgreSQL started, on free ports far from the defaults) plays the other
 * checkout's stack. Everything started here is stopped and removed afterwards.
 */
class StackSharingTest {

    private static Path root;
    private static Path base;
    private static Map<String, String> stackA;
    private static int pgPort;
    private static final List<Process> spawned = new ArrayList<>();

    @BeforeAll
    static void startPostgresOfStackA() throws Exception {
        root = LocalStack.projectRoot();
        Path target = root.resolve("services/testkit/target");
        Files.createDirectories(target);
        base = Files.createTempDirectory(target, "stack-sharing-");
        int[] ports = freePorts(5);
        pgPort = ports[0];
        stackA = env(base.resolve("a"), ports);
        Run up = stack(stackA, "up", "postgresql");
        assertEquals(0, up.exit(), up.err());
        assertTrue(listening(pgPort), "postgresql of stack a answers");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        spawned.forEach(Process::destroyForcibly);
        if (stackA != null) {
            stack(stackA, "down");
        }
        if (base != null) {
            try (Stream<Path> files = Files.walk(base)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void downNeverKillsAProcessAStalePidFileNames() throws Exception {
        Process legacy = sleep();      // a pid file without a start time: not our kafka's command line
        Process reused = sleep();      // a pid file whose start time is not this process's
        Process recorded = sleep();    // the very process recorded: this one is stopped
        Path run = Files.createDirectories(base.resolve("a/run"));
        Files.writeString(run.resolve("kafka.pid"), legacy.pid() + "\n");
        Files.writeString(run.resolve("mongo.pid"), reused.pid() + " 1 " + stackA.get("SWITCHBOARD_MONGO_PORT") + "\n");
        Files.writeString(run.resolve("registry.pid"), recorded.pid() + " " + startTime(recorded.pid()) + "\n");

        Run down = stack(stackA, "down", "kafka", "mongo", "registry");

        assertEquals(0, down.exit(), down.err());
        assertTrue(legacy.isAlive(), "the process named by a legacy pid file lives:\n" + down.err());
        assertTrue(reused.isAlive(), "the process with another start time lives:\n" + down.err());
        assertTrue(down.err().contains("not stopping kafka"), down.err());
        assertTrue(down.err().contains("not stopping mongo"), down.err());
        assertTrue(recorded.waitFor(10, TimeUnit.SECONDS), "the process whose pid and start time match is stopped");
        assertFalse(Files.exists(run.resolve("kafka.pid")) || Files.exists(run.resolve("mongo.pid")), "stale pid files removed");
    }

    @Test
    void aLivePostgresKeepsItsPostmasterPid() throws Exception {
        Path lock = base.resolve("a/data/postgresql/postmaster.pid");
        String before = Files.readString(lock);

        // The same stack dir, configured for another port now: refused, its postgres untouched.
        Map<String, String> otherPort = new HashMap<>(stackA);
        otherPort.put("SWITCHBOARD_PG_PORT", String.valueOf(freePorts(1)[0]));
        Run elsewhere = stack(otherPort, "up", "postgresql");
        assertNotEquals(0, elsewhere.exit());
        assertTrue(elsewhere.err().contains("runs on port " + pgPort), elsewhere.err());

        // Another stack dir holding a copy of that lock file (a live postgres's, not its own).
        Map<String, String> stackC = env(base.resolve("c"), freePorts(5));
        Path copied = Files.createDirectories(base.resolve("c/data/postgresql")).resolve("postmaster.pid");
        Files.writeString(copied, before);
        Run start = stack(stackC, "up", "postgresql");
        assertNotEquals(0, start.exit());
        assertTrue(start.err().contains("a running postgres") && start.err().contains("not removing it"), start.err());
        assertEquals(before, Files.readString(copied));
        Run down = stack(stackC, "down", "postgresql");
        assertEquals(0, down.exit(), down.err());
        assertEquals(before, Files.readString(copied), "down leaves a lock it does not own");

        assertEquals(before, Files.readString(lock));
        assertTrue(listening(pgPort), "postgresql of stack a still answers");
    }

    @Test
    void testkitRefusesAStackThatIsNotThisCheckouts() throws Exception {
        // Stack b: the same ports as a, another stack dir, as a second checkout's tests would see it.
        Map<String, String> stackB = new HashMap<>(stackA);
        stackB.put("SWITCHBOARD_STACK_DIR", base.resolve("b").toString());

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> LocalStack.check(root, stackB));
        String message = refused.getMessage();
        assertTrue(message.contains("not this checkout's"), message);
        assertTrue(message.contains("port " + pgPort + " (postgresql)"), message);
        assertTrue(message.contains("of the stack in " + base.resolve("a").toRealPath()), message);
        assertTrue(message.contains("SWITCHBOARD_PG_PORT") && message.contains("SWITCHBOARD_STACK_SHARED=1"), message);
        assertFalse(Files.exists(base.resolve("b")), "nothing was started for stack b");

        // Its own stack: postgresql is up, the rest would be started (and only those stopped).
        assertEquals(List.of("kafka", "registry", "mongo"), LocalStack.check(root, stackA).down());

        // Sharing on purpose.
        stackB.put("SWITCHBOARD_STACK_SHARED", "1");
        assertEquals(List.of("kafka", "registry", "mongo"), LocalStack.check(root, stackB).down());
    }

    // --- helpers --------------------------------------------------------------------------------

    private record Run(int exit, String out, String err) {
    }

    private static Run stack(Map<String, String> env, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("bash", root.resolve("deploy/stack.sh").toString()));
        args.addAll(List.of(command));
        Path out = Files.createTempFile(base, "out", ".txt");
        Path err = Files.createTempFile(base, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(args).directory(root.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("deploy/stack.sh " + String.join(" ", command) + " took over 60 s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Map<String, String> env(Path stackDir, int[] ports) {
        Map<String, String> env = new HashMap<>();
        env.put("SWITCHBOARD_STACK_DIR", stackDir.toString());
        env.put("SWITCHBOARD_PG_PORT", String.valueOf(ports[0]));
        env.put("SWITCHBOARD_KAFKA_PORT", String.valueOf(ports[1]));
        env.put("SWITCHBOARD_KAFKA_CONTROLLER_PORT", String.valueOf(ports[2]));
        env.put("SWITCHBOARD_REGISTRY_PORT", String.valueOf(ports[3]));
        env.put("SWITCHBOARD_MONGO_PORT", String.valueOf(ports[4]));
        env.put("SWITCHBOARD_STACK_SHARED", "0");
        return env;
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static Process sleep() throws IOException {
        Process process = new ProcessBuilder("sleep", "300").start();
        spawned.add(process);
        return process;
    }

    private static String startTime(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
