package io.switchboard.mesh;

import io.switchboard.testkit.ConsumerGroups;
import io.switchboard.testkit.LocalStack;
import io.switchboard.testkit.StackAddresses;
import io.switchboard.testkit.Tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Service processes started as {@code make run} starts them ({@code java -jar
 * services/<name>/target/quarkus-app/quarkus-run.jar}), against the real stack, each on a free HTTP port, with
 * the testkit's token verifier, one clock placed at a desk time, an eventing name of this run's own (so consumer
 * groups of its own, moved to the topics' ends before the start: the processes read only what was published after
 * it) and databases of their
 * own (dropped and made again, so that every run starts from the default desk and policies). Each process's output
 * is written to {@code target/mesh/<run>-<process>.log}. {@link #close()} stops every process, also when a test
 * failed; a JVM that exits without it (Ctrl-C) stops them from a shutdown hook.
 */
final class Mesh implements AutoCloseable {

    /** The desk's time zone: Beijing, where the default calendars and the home centre are. */
    static final ZoneId DESK_ZONE = ZoneId.of("Asia/Shanghai");
    private static final Duration READY_WITHIN = Duration.ofSeconds(300);
    private static final Pattern CHANNEL_TOPIC = Pattern.compile("^mp\\.messaging\\.incoming\\.([a-z0-9-]+)\\.topic=(\\S+)\\s*$");

    /**
     * One process: {@code name} (unique in the run) runs the jar of {@code service} with these system properties
     * on top of the mesh's (policy overrides, short targets).
     */
    record Process(String name, String service, Map<String, String> properties) {
        static Process of(String service, Map<String, String> properties) {
            return new Process(service, service, properties);
        }
    }

    /** A started process: where it answers. */
    record Running(Process process, int port, java.lang.Process handle, Path log) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    private final String run;
    private final Duration offset;
    private final ZonedDateTime deskStart;
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final Thread hook = new Thread(this::stopAll, "mesh-stop");

    private Mesh(String run, ZonedDateTime deskStart) {
        this.run = run;
        this.deskStart = deskStart;
        this.offset = Duration.between(Instant.now(), deskStart.toInstant()).withNanos(0);
    }

    /**
     * Starts {@code processes} with their clocks at {@code deskTime} on a working Wednesday (so that business
     * calendars count and no public holiday of the default desk applies), and waits until each is ready.
     */
    static Mesh start(String label, LocalTime deskTime, List<Process> processes) {
        LocalStack.ensureUp();
        String run = label + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        Mesh mesh = new Mesh(run, ZonedDateTime.of(workingWednesday(), deskTime, DESK_ZONE));
        Runtime.getRuntime().addShutdownHook(mesh.hook);
        try {
            for (Process process : processes) {
                mesh.launch(process);
            }
            for (Running r : mesh.running.values()) {
                mesh.awaitReady(r);
            }
            return mesh;
        } catch (RuntimeException | Error e) {
            mesh.close();
            throw e;
        }
    }

    /** A Wednesday at least a week ahead whose week is clear of the default desk's holidays. */
    private static LocalDate workingWednesday() {
        LocalDate day = LocalDate.now(DESK_ZONE).plusWeeks(1).with(TemporalAdjusters.next(DayOfWeek.WEDNESDAY));
        while ((day.getMonthValue() == 10 && day.getDayOfMonth() <= 9) || (day.getMonthValue() == 1 && day.getDayOfMonth() <= 3)
                || (day.getMonthValue() == 2 && day.getDayOfMonth() >= 4 && day.getDayOfMonth() <= 14)
                || (day.getMonthValue() == 12 && day.getDayOfMonth() >= 24)) {
            day = day.plusWeeks(1);
        }
        return day;
    }

    /** The services' clock now: real time shifted by the run's offset. */
    Instant deskNow() {
        return Instant.now().plus(offset);
    }

    ZonedDateTime deskStart() {
        return deskStart;
    }

    String run() {
        return run;
    }

    /**
     * The process's eventing name, {@code mesh-<run>-<process>}: its consumer groups are {@code <name>.<handler>}
     * (never another deployment's offsets), and the CloudEvents source of what it publishes is
     * {@code /switchboard/<name>}, which tells its events from those of any other instance of the service that reads
     * the shared topics at the same time.
     */
    String serviceName(String process) {
        return "mesh-" + run + "-" + process;
    }

    String url(String process) {
        Running r = running.get(process);
        if (r == null) {
            throw new IllegalArgumentException("no process " + process + " in mesh " + run);
        }
        return r.url();
    }

    private void launch(Process process) {
        Path root = root();
        Path jar = root.resolve("services").resolve(process.service()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify builds them "
                    + "before this module; alone: ./mvnw -pl services/mesh -am verify)");
        }
        StackAddresses stack = LocalStack.addresses();
        for (Map.Entry<String, String> channel : channels(root, process.service()).entrySet()) {
            ConsumerGroups.skipToEnd(serviceName(process.name()) + "." + channel.getKey(), channel.getValue());
        }
        String database = "mesh_" + process.name().replace('-', '_');
        if (!process.service().equals("feedback")) {
            recreateDatabase(stack, database);
        }
        int port = freePort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("switchboard.clock.offset", offset.toString());
        properties.put("switchboard.eventing.service-name", serviceName(process.name()));
        if (process.service().equals("feedback")) {
            properties.put("quarkus.mongodb.database", mongoDatabase());
        } else {
            // Five JVMs starting at once on a small shared machine: the first connections may take longer than 5 s.
            properties.put("quarkus.datasource.jdbc.acquisition-timeout", "30s");
        }
        properties.putAll(process.properties());
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        Path log = dir().resolve(run + "-" + process.name() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(stack.configOverrides().entrySet().stream().filter(e -> e.getKey().matches("[A-Z_]+"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        env.put("DB_NAME", database);
        env.put("HTTP_PORT", Integer.toString(port));
        Map<String, String> verifier = Tokens.verifierConfig();
        env.put("SWITCHBOARD_JWT_KEYS", "file:" + verifier.get("mp.jwt.verify.publickey.location"));
        env.put("SWITCHBOARD_JWT_ISSUER", verifier.get("mp.jwt.verify.issuer"));
        env.put("SWITCHBOARD_JWT_AUDIENCE", verifier.get("mp.jwt.verify.audiences"));
        try {
            running.put(process.name(), new Running(process, port, builder.start(), log));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + process.name(), e);
        }
    }

    /** The handler channels and their topics, as the service's application.properties names them. */
    static Map<String, String> channels(Path root, String service) {
        Map<String, String> channels = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(root.resolve("services/" + service + "/src/main/resources/application.properties"))) {
                Matcher m = CHANNEL_TOPIC.matcher(line);
                if (m.matches()) {
                    channels.put(m.group(1), m.group(2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return channels;
    }

    private void awaitReady(Running r) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (true) {
            if (!r.handle().isAlive()) {
                throw new IllegalStateException(r.process().name() + " exited during start-up (exit " + r.handle().exitValue()
                        + "); its log: " + r.log() + "\n" + tail(r.log()));
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(r.url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(r.process().name() + " not ready within " + READY_WITHIN + "; its log: "
                        + r.log() + "\n" + tail(r.log()));
            }
            sleep(500);
        }
    }

    /**
     * feedback's MongoDB database, one per run: its outbox relay's lease is kept by the clock of the process that
     * held it, and another run at the same desk time would find it still held.
     */
    private String mongoDatabase() {
        return "mesh_feedback_" + run.replace('-', '_');
    }

    @Override
    public void close() {
        stopAll();
        if (running.values().stream().anyMatch(r -> r.process().service().equals("feedback"))) {
            try (com.mongodb.client.MongoClient mongo = com.mongodb.client.MongoClients.create(LocalStack.mongoConnectionString())) {
                mongo.getDatabase(mongoDatabase()).drop();
            } catch (RuntimeException e) {
                System.err.println("[mesh] could not drop " + mongoDatabase() + ": " + e);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs already
        }
    }

    private synchronized void stopAll() {
        for (Running r : running.values()) {
            r.handle().destroy();
        }
        for (Running r : running.values()) {
            try {
                if (!r.handle().waitFor(20, TimeUnit.SECONDS)) {
                    r.handle().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                r.handle().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void recreateDatabase(StackAddresses stack, String database) {
        Properties credentials = new Properties();
        credentials.setProperty("user", stack.postgresUser());
        credentials.setProperty("password", stack.postgresPassword());
        try (Connection connection = new org.postgresql.Driver().connect(stack.jdbcUrl("postgres"), credentials);
             Statement sql = connection.createStatement()) {
            sql.execute("drop database if exists \"" + database + "\" with (force)");
            sql.execute("create database \"" + database + "\"");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot make database " + database, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path root() {
        String configured = System.getProperty("mesh.root");
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("deploy/stack.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("the project root (with deploy/stack.sh) is not above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static Path dir() {
        Path dir = Path.of(System.getProperty("mesh.dir", "target/mesh"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
