package io.switchboard.eventing.postgres.migration;

import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.core.CockroachDatabase;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.exception.LockException;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockService;
import liquibase.logging.Logger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Liquibase's change-log lock for PostgreSQL as a session-level advisory lock, on the connection Liquibase
 * migrates with.
 *
 * <p>Liquibase's own lock is a row of {@code databasechangeloglock} set to locked: an instance killed while
 * holding it (SIGKILL, a pod OOM-killed during start) leaves it locked, and every later start waits and
 * fails. An advisory lock belongs to the database session instead, so PostgreSQL releases it when the
 * holder's connection ends, however it ends. No {@code databasechangeloglock} table is read or written;
 * a row left there by the old lock is ignored.
 *
 * <p>Found by Liquibase through {@code META-INF/services/liquibase.lockservice.LockService}; it wins over
 * {@code StandardLockService} by its higher priority, for PostgreSQL databases with a JDBC connection.
 */
public class AdvisoryLockService implements LockService {

    /** The name the lock key is derived from (advisory locks are per database; each service has its own). */
    public static final String LOCK_NAME = "switchboard.liquibase.changelog-lock";
    /** The 64-bit advisory lock key: the first eight bytes of the SHA-256 of {@link #LOCK_NAME}. */
    public static final long LOCK_KEY = keyOf(LOCK_NAME);

    private static final String HOLDERS = "select a.pid, a.application_name, a.client_addr::text, a.backend_start "
            + "from pg_locks l join pg_stat_activity a on a.pid = l.pid "
            + "where l.locktype = 'advisory' and l.granted and l.objsubid = 1 "
            + "and l.database = (select oid from pg_database where datname = current_database()) "
            + "and l.classid = ?::bigint::oid and l.objid = ?::bigint::oid";

    private Database database;
    private Long waitMinutes;
    private Long recheckSeconds;
    private boolean held;

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE;
    }

    @Override
    public boolean supports(Database database) {
        // CockroachDB speaks PostgreSQL's protocol (a subclass of PostgresDatabase) but has no advisory locks.
        return database instanceof PostgresDatabase && !(database instanceof CockroachDatabase)
                && database.getConnection() instanceof JdbcConnection;
    }

    @Override
    public void setDatabase(Database database) {
        this.database = database;
    }

    @Override
    public void setChangeLogLockWaitTime(long minutes) {
        this.waitMinutes = minutes;
    }

    @Override
    public void setChangeLogLockRecheckTime(long seconds) {
        this.recheckSeconds = seconds;
    }

    @Override
    public boolean hasChangeLogLock() {
        return held;
    }

    @Override
    public void waitForLock() throws LockException {
        long deadline = System.currentTimeMillis() + waitMinutes() * 60_000L;
        boolean announced = false;
        while (!acquireLock()) {
            long remaining = deadline - System.currentTimeMillis();
            if (remaining <= 0) {
                throw new LockException("Could not acquire the change-log lock (PostgreSQL advisory lock " + LOCK_KEY
                        + ", '" + LOCK_NAME + "') within " + waitMinutes() + " min: held by "
                        + describe(holders()) + ". PostgreSQL releases it when that session ends; if the session"
                        + " is stuck, end it with pg_terminate_backend(pid).");
            }
            if (!announced) {
                log().info("Waiting for the change-log lock, held by " + describe(holders()));
                announced = true;
            }
            try {
                Thread.sleep(Math.min(remaining, Math.max(recheckSeconds(), 1) * 1000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LockException("Interrupted while waiting for the change-log lock", e);
            }
        }
    }

    @Override
    public boolean acquireLock() throws LockException {
        if (held) {
            return true;
        }
        try {
            held = queryBoolean("select pg_try_advisory_lock(?)");
        } catch (SQLException | DatabaseException e) {
            throw new LockException("Could not try the change-log lock (PostgreSQL advisory lock " + LOCK_KEY + ")", e);
        }
        if (held) {
            log().info("Successfully acquired change log lock (PostgreSQL advisory lock " + LOCK_KEY + ", '"
                    + LOCK_NAME + "', released by PostgreSQL if this session ends)");
        }
        return held;
    }

    @Override
    public void releaseLock() throws LockException {
        if (!held) {
            return;
        }
        try {
            queryBoolean("select pg_advisory_unlock(?)");
        } catch (SQLException | DatabaseException e) {
            // The session may have ended (and PostgreSQL released the lock with it), or its transaction
            // failed: after a rollback the session-level lock is still there to release.
            try {
                database.rollback();
                queryBoolean("select pg_advisory_unlock(?)");
            } catch (SQLException | DatabaseException again) {
                e.addSuppressed(again);
                held = false;
                throw new LockException("Could not release the change-log lock (PostgreSQL advisory lock " + LOCK_KEY
                        + "); PostgreSQL releases it when this connection closes", e);
            }
        }
        held = false;
        log().info("Successfully released change log lock (PostgreSQL advisory lock " + LOCK_KEY + ")");
    }

    /** The sessions holding the lock: the pid as id, the session's start as the time granted (the closest known). */
    @Override
    public DatabaseChangeLogLock[] listLocks() throws LockException {
        return holders().stream()
                .map(h -> new DatabaseChangeLogLock(h.pid(), h.since(), h.toString()))
                .toArray(DatabaseChangeLogLock[]::new);
    }

    /**
     * Releases this session's hold. Another live session's lock cannot be released from here (PostgreSQL lets
     * only the holder unlock): it is released when that session ends, so this fails naming it instead of
     * ending a migration that may be running.
     */
    @Override
    public void forceReleaseLock() throws LockException {
        releaseLock();
        List<Holder> others = holders();
        if (!others.isEmpty()) {
            throw new LockException("The change-log lock (PostgreSQL advisory lock " + LOCK_KEY + ") is held by the live "
                    + "session " + describe(others) + "; it is released when that session ends. If it is stuck, end it "
                    + "with pg_terminate_backend(pid).");
        }
    }

    /** Nothing to create: the lock lives in PostgreSQL's lock table, not in a table of the schema. */
    @Override
    public void init() {
        // no table
    }

    /** Forgets this instance's state; a hold still taken is released first, so it cannot stay with a pooled connection. */
    @Override
    public void reset() {
        if (held) {
            try {
                releaseLock();
            } catch (LockException e) {
                log().warning("Could not release the change-log lock on reset", e);
            }
        }
        held = false;
    }

    @Override
    public void destroy() {
        reset();
    }

    private boolean queryBoolean(String sql) throws SQLException, DatabaseException {
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        boolean result;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                result = rs.getBoolean(1);
            }
        }
        // Like Liquibase's own lock, do not leave the migration connection inside an open transaction.
        database.commit();
        return result;
    }

    private List<Holder> holders() throws LockException {
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        List<Holder> holders = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(HOLDERS)) {
            statement.setLong(1, LOCK_KEY >>> 32);
            statement.setLong(2, LOCK_KEY & 0xFFFF_FFFFL);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    holders.add(new Holder(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4)));
                }
            }
            database.commit();
        } catch (SQLException | DatabaseException e) {
            throw new LockException("Could not read who holds the change-log lock (PostgreSQL advisory lock " + LOCK_KEY + ")", e);
        }
        return holders;
    }

    private static String describe(List<Holder> holders) {
        // Empty: released between the try and the look.
        return holders.isEmpty() ? "no session any more" : holders.stream().map(Holder::toString).collect(Collectors.joining("; "));
    }

    private long waitMinutes() {
        return waitMinutes != null ? waitMinutes : GlobalConfiguration.CHANGELOGLOCK_WAIT_TIME.getCurrentValue();
    }

    private long recheckSeconds() {
        return recheckSeconds != null ? recheckSeconds : GlobalConfiguration.CHANGELOGLOCK_POLL_RATE.getCurrentValue();
    }

    private Logger log() {
        return Scope.getCurrentScope().getLog(getClass());
    }

    static long keyOf(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A session holding the lock, as pg_locks and pg_stat_activity show it. */
    record Holder(int pid, String applicationName, String clientAddress, Date since) {
        @Override
        public String toString() {
            return Stream.of("pid " + pid,
                            "application_name '" + (applicationName == null ? "" : applicationName) + "'",
                            "client " + (clientAddress == null ? "local socket" : clientAddress),
                            "connected since " + since.toInstant())
                    .collect(Collectors.joining(", "));
        }
    }
}
