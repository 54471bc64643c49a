package io.switchboard.testkit;

import io.switchboard.deploy.StackSetup;
import io.switchboard.testkit.StackChoice.DockerStatus;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.TestcontainersConfiguration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * The stack on Testcontainers ({@code SWITCHBOARD_STACK=containers} where a Docker engine answers):
 * Kafka (KRaft), PostgreSQL 17, Apicurio Registry 3.0.9 and a real MongoDB 7, one set per test JVM,
 * provisioned by deploy's {@link StackSetup} like the local stack (databases, topics and their
 * dead-letter topics, the BACKWARD rule, the schemas).
 *
 * <p>Only {@link LocalStack} touches this class, and only when containers are asked for: on the
 * default path neither it nor any Testcontainers class is loaded. Its signatures carry no
 * Testcontainers type for the same reason.
 *
 * <p>The containers are removed when the JVM exits (by Testcontainers' Ryuk, or by a shutdown hook
 * when Ryuk is disabled), unless Testcontainers' reuse is enabled ({@code testcontainers.reuse.enable=true}
 * in {@code ~/.testcontainers.properties}): then they are left running for the next test JVM,
 * which provisions them again (idempotently). See docs/operations.md, "Running the tests on
 * Testcontainers".
 */
final class ContainerStack {

    /** The broker version the local stack runs (deploy/kafka/pom.xml). */
    static final String KAFKA_IMAGE = "apache/kafka:4.3.1";
    static final String POSTGRES_IMAGE = "postgres:17";
    static final String REGISTRY_IMAGE = "apicurio/apicurio-registry:3.0.9";
    static final String MONGO_IMAGE = "mongo:7.0";
    static final String USER = "switchboard";
    static final String PASSWORD = "switchboard";
    private static final int REGISTRY_PORT = 8080;

    /**
     * The started stack's addresses, kept in system properties: Quarkus loads the testkit once per
     * application class loader (a test profile gets its own), and each must find the same stack.
     */
    private static final String MEMO = "switchboard.testkit.containers.";

    /** Whether Testcontainers finds a Docker engine that answers; loads Testcontainers. */
    static DockerStatus dockerStatus() {
        try {
            DockerClientFactory docker = DockerClientFactory.instance();
            if (docker.isDockerAvailable()) {
                return DockerStatus.answers("Docker " + docker.getActiveApiVersion());
            }
            String host = System.getenv("DOCKER_HOST");
            return DockerStatus.none("Testcontainers found no working Docker environment; DOCKER_HOST is "
                    + (host == null || host.isBlank() ? "unset" : host)
                    + "; Testcontainers' own log lines above say what it tried");
        } catch (RuntimeException | LinkageError e) {
            return DockerStatus.none("Testcontainers failed: " + e);
        }
    }

    /** Starts and provisions the stack the first time (in this JVM); its addresses. */
    static synchronized StackAddresses start() {
        StackAddresses started = remembered();
        if (started != null) {
            return started;
        }
        boolean reuse = TestcontainersConfiguration.getInstance().environmentSupportsReuse();
        PostgreSQLContainer postgres = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE))
                .withDatabaseName("postgres")
                .withUsername(USER)
                .withPassword(PASSWORD)
                .withReuse(reuse);
        // As deploy/kafka/server.properties: no topic is created by first use (StackSetup creates
        // them, and the relay's missing-topic handling is tested), and no rebalance delay.
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_NUM_PARTITIONS", "1")
                .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "12")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withReuse(reuse);
        // A single node without a replica set: the feedback service and the MongoDB outbox rely on
        // single-document atomicity only (ADR 0002), as on the local wire-protocol server.
        MongoDBContainer mongo = new MongoDBContainer(DockerImageName.parse(MONGO_IMAGE))
                .withReuse(reuse);
        // The image's default in-memory storage (the local stack keeps it in PostgreSQL): schemas
        // live as long as the container, and no network between containers is needed.
        GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE))
                .withExposedPorts(REGISTRY_PORT)
                .waitingFor(Wait.forHttp("/health/ready").forPort(REGISTRY_PORT).forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)))
                .withReuse(reuse);
        List<GenericContainer<?>> containers = List.of(postgres, kafka, mongo, registry);
        if (!reuse) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> containers.forEach(GenericContainer::stop),
                    "container-stack-stop"));
        }
        try {
            Startables.deepStart(containers).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("SWITCHBOARD_STACK=containers: the containers did not start", e.getCause());
        }
        StackAddresses addresses = new StackAddresses(kafka.getBootstrapServers(),
                postgres.getHost(), postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT), USER, PASSWORD,
                "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT),
                mongo.getConnectionString());
        StackSetup.Target target = new StackSetup.Target(addresses.jdbcUrl("postgres"), USER, PASSWORD,
                addresses.bootstrapServers(), addresses.registryUrl());
        try {
            StackSetup.createDatabases(target);
            StackSetup.createTopics(target);
            StackSetup.registerSchemas(target);
        } catch (Exception e) {
            throw new IllegalStateException("SWITCHBOARD_STACK=containers: provisioning the containers failed", e);
        }
        remember(addresses);
        return addresses;
    }

    private static void remember(StackAddresses a) {
        System.setProperty(MEMO + "kafka", a.bootstrapServers());
        System.setProperty(MEMO + "pg-host", a.postgresHost());
        System.setProperty(MEMO + "pg-port", Integer.toString(a.postgresPort()));
        System.setProperty(MEMO + "pg-user", a.postgresUser());
        System.setProperty(MEMO + "pg-password", a.postgresPassword());
        System.setProperty(MEMO + "mongo", a.mongoConnectionString());
        System.setProperty(MEMO + "registry", a.registryBaseUrl()); // last: its presence means all are set
    }

    private static StackAddresses remembered() {
        if (System.getProperty(MEMO + "registry") == null) {
            return null;
        }
        return new StackAddresses(System.getProperty(MEMO + "kafka"), System.getProperty(MEMO + "pg-host"),
                Integer.parseInt(System.getProperty(MEMO + "pg-port")), System.getProperty(MEMO + "pg-user"),
                System.getProperty(MEMO + "pg-password"), System.getProperty(MEMO + "registry"),
                System.getProperty(MEMO + "mongo"));
    }

    private ContainerStack() {
    }
}
