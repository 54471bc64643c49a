package io.switchboard.eventing.postgres.migration;

import io.switchboard.testkit.LocalStack;
import io.switchboard.testkit.StackAddresses;
import liquibase.Contexts;
import liquibase.GlobalConfiguration;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LockException;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The change-log lock Liquibase takes on the shared stack's PostgreSQL. The tests work in a scratch database
 * of their own, made beside {@code eventing}: an advisory lock key is per database, so the eventing test
 * service's migration (another run of this module on the shared stack) cannot take the key from under them.
 * Each test has a schema of its own there, for Liquibase's tables (and the old lock's, were it picked).
 */
class AdvisoryLockServiceTest {

    private static final String DATABASE = "liqlock_" + UUID.randomUUID().toString().substring(0, 8);
    private static StackAddresses stack;
    private final String schema = "liqlock_" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Connection> connections = new ArrayList<>();

    @BeforeAll
    static void scratchDatabase() throws SQLException {
        LocalStack.ensureUp();
        stack = LocalStack.addresses();
        administer("create database " + DATABASE);
    }

    @AfterAll
    static void dropScratchDatabase() throws SQLException {
        administer("drop database " + DATABASE + " with (force)");
    }

    @BeforeEach
    void scratchSchema() throws SQLException {
        try (Statement sql = connect("liqlock-setup").createStatement()) {
            sql.execute("create schema " + schema);
        }
    }

    @AfterEach
    void dropScratchSchema() throws SQLException {
        // Closed first: a session left inside a transaction would keep the drop waiting.
        for (Connection connection : connections) {
            connection.close();
        }
        connections.clear();
        try (Statement sql = connect("liqlock-teardown").createStatement()) {
            sql.execute("drop schema " + schema + " cascade");
        }
        connections.get(0).close();
    }

    @Test
    void liquibasePicksTheAdvisoryLockForPostgresql() throws Exception {
        LockService lock = LockServiceFactory.getInstance().getLockService(database(connect("liqlock-picked")));

        assertInstanceOf(AdvisoryLockService.class, lock);
    }

    @Test
    void aSecondInstanceWaitsInVainWhileTheLockIsHeldAndIsToldWhoHoldsIt() throws Exception {
        String holderName = "liqlock-holder-" + schema;
        Connection holderConnection = connect(holderName);
        LockService holder = lockOf(holderConnection);
        holder.waitForLock();
        LockService second = lockOf(connect("liqlock-second"));
        second.setChangeLogLockWaitTime(0); // minutes: one try

        LockException refused = assertThrows(LockException.class, second::waitForLock);

        assertTrue(refused.getMessage().contains("pid " + pidOf(holderConnection)), refused.getMessage());
        assertTrue(refused.getMessage().contains(holderName), refused.getMessage());
        assertFalse(second.hasChangeLogLock());
        holder.releaseLock();
        assertTrue(second.acquireLock(), "free once the holder released it");
        second.releaseLock();
    }

    @Test
    void theLockOfAConnectionCutAbruptlyIsFreeForTheWaitingInstance() throws Exception {
        Connection holderConnection = connect("liqlock-killed-" + schema);
        lockOf(holderConnection).waitForLock();
        Connection waiterConnection = connect("liqlock-waiter-" + schema);
        LockService waiter = lockOf(waiterConnection);
        waiter.setChangeLogLockWaitTime(1); // minutes
        waiter.setChangeLogLockRecheckTime(1); // seconds
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<?> waiting = thread.submit(() -> {
                waiter.waitForLock();
                return null;
            });
            Thread.sleep(1500);
            assertFalse(waiting.isDone(), "the waiter waits while the holder lives");

            // As a SIGKILL of the holder's JVM cuts its connection.
            try (PreparedStatement kill = connect("liqlock-killer").prepareStatement("select pg_terminate_backend(?)")) {
                kill.setInt(1, pidOf(holderConnection));
                kill.execute();
            }

            waiting.get(60, TimeUnit.SECONDS); // within the waiter's wait time, or its LockException
            assertTrue(waiter.hasChangeLogLock());
            assertEquals(List.of(pidOf(waiterConnection)), holderPids());
            waiter.releaseLock();
            assertEquals(List.of(), holderPids());
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void aStaleLockRowOfTheOldLockDoesNotStopTheMigration() throws Exception {
        try (Statement sql = connect("liqlock-stale-row").createStatement()) {
            // What Liquibase's standard lock leaves when its holder is killed during the migration.
            sql.execute("create table " + schema + ".databasechangeloglock (id int primary key, locked boolean not null, "
                    + "lockgranted timestamp, lockedby varchar(255))");
            sql.execute("insert into " + schema + ".databasechangeloglock values (1, true, now(), 'an instance killed while migrating')");
        }
        Connection migrating = connect("liqlock-migrate-" + schema);
        Database database = database(migrating);

        // A wait of 0 minutes: a lock still taken fails at once instead of after Liquibase's default 5.
        Scope.child(Map.of(GlobalConfiguration.CHANGELOGLOCK_WAIT_TIME.getKey(), 0L), () -> {
            try (Liquibase liquibase = new Liquibase("db/test-changelog.xml", new ClassLoaderResourceAccessor(), database)) {
                liquibase.update(new Contexts(), new LabelExpression());
            }
        });

        try (Statement sql = connect("liqlock-check").createStatement();
             ResultSet tables = sql.executeQuery("select count(*) from information_schema.tables where table_schema = '"
                     + schema + "' and table_name in ('outbox_event', 'processed_event', 'ledger_entry')")) {
            tables.next();
            assertEquals(3, tables.getInt(1), "the eventing tables and the test service's ledger were created");
        }
        assertEquals(List.of(), holderPids(), "the lock is released after the migration, not kept by a pooled connection");
    }

    private Connection connect(String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", stack.postgresUser());
        properties.setProperty("password", stack.postgresPassword());
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("currentSchema", schema);
        Connection connection = new org.postgresql.Driver().connect(stack.jdbcUrl(DATABASE), properties);
        connections.add(connection);
        return connection;
    }

    private static void administer(String statement) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", stack.postgresUser());
        properties.setProperty("password", stack.postgresPassword());
        try (Connection connection = new org.postgresql.Driver().connect(stack.jdbcUrl("postgres"), properties);
             Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private Database database(Connection connection) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        database.setDefaultSchemaName(schema);
        return database;
    }

    private LockService lockOf(Connection connection) throws Exception {
        return LockServiceFactory.getInstance().getLockService(database(connection));
    }

    private static int pidOf(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet rs = sql.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The sessions holding the change-log lock's advisory key in the scratch database, as pg_locks shows them. */
    private List<Integer> holderPids() throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (PreparedStatement sql = connect("liqlock-look").prepareStatement("select pid from pg_locks "
                + "where locktype = 'advisory' and granted and objsubid = 1 "
                + "and database = (select oid from pg_database where datname = current_database()) "
                + "and ((classid::bigint << 32) | objid::bigint) = ?")) {
            sql.setLong(1, AdvisoryLockService.LOCK_KEY);
            try (ResultSet rs = sql.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
        }
        return pids;
    }
}
