package io.switchboard.eventing;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides what a consumer does with a handler's exception. Plain Java, no framework types: classes
 * of other libraries are recognised by name, so the rules hold whichever store module is on the
 * class path. The whole cause chain is inspected, in this order:
 * <ol>
 *   <li>{@link Failure#POISON} if any cause is a {@link RejectedEventException}: the handler said
 *       so explicitly.</li>
 *   <li>{@link Failure#INFRASTRUCTURE} if any cause is an infrastructure failure (see
 *       {@link #isInfrastructure}): the record is probably fine, the database, the pool or the
 *       registry is not. Retried with back-off, never dead-lettered.</li>
 *   <li>{@link Failure#POISON} if any cause is a validation error: {@link IllegalArgumentException}
 *       (the domain's invalid-field exceptions extend it) or a Bean Validation
 *       {@code ConstraintViolationException} / {@code ValidationException}. The same record fails
 *       the same way every time.</li>
 *   <li>{@link Failure#UNKNOWN} otherwise (a bug, a database integrity violation, which a
 *       concurrent writer may cause and a retry may cure, ...): retried a bounded number of times,
 *       then dead-lettered.</li>
 * </ol>
 */
public final class FailureClassifier {

    public enum Failure {
        /** Can never succeed: dead-lettered at once. */
        POISON,
        /** Not the record's fault: retried with back-off until it succeeds, offset not committed. */
        INFRASTRUCTURE,
        /** Anything else: bounded retries, then dead-lettered. */
        UNKNOWN
    }

    /** Exception types (or a supertype by name) that mean an infrastructure failure. */
    private static final Set<String> INFRASTRUCTURE_TYPES = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.exception.LockTimeoutException",
            "org.hibernate.PessimisticLockException",
            "org.hibernate.dialect.lock.PessimisticEntityLockException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.PessimisticLockException",
            "io.switchboard.eventing.EventSerde$RegistryUnavailableException",
            // MongoDB (the driver's own types; socket ones extend MongoSocketException)
            "com.mongodb.MongoSocketException",
            "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoNotPrimaryException",
            "com.mongodb.MongoNodeIsRecoveringException",
            "com.mongodb.MongoConnectionPoolClearedException",
            "java.net.SocketException",
            "java.net.SocketTimeoutException",
            "java.net.UnknownHostException",
            "java.net.http.HttpConnectTimeoutException");

    private static final Set<String> VALIDATION_TYPES = Set.of(
            "java.lang.IllegalArgumentException",
            "jakarta.validation.ValidationException",
            "jakarta.validation.ConstraintViolationException");

    public static Failure classify(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable cause : chain) {
            if (cause instanceof RejectedEventException) {
                return Failure.POISON;
            }
        }
        for (Throwable cause : chain) {
            if (isInfrastructure(cause)) {
                return Failure.INFRASTRUCTURE;
            }
        }
        for (Throwable cause : chain) {
            if (isA(cause, VALIDATION_TYPES)) {
                return Failure.POISON;
            }
        }
        return Failure.UNKNOWN;
    }

    /**
     * One link of the chain is an infrastructure failure: a JDBC transient, recoverable or
     * connection exception; an SQLState of class 08 (connection), 53 (insufficient resources), 57P
     * (server shutting down or starting), 40001 (serialization failure), 40P01 (deadlock) or 55P03
     * (lock not available); a pool acquisition timeout (Agroal); Hibernate's connection and lock
     * exceptions, JPA's lock timeout and pessimistic lock exceptions; the MongoDB driver's socket,
     * server-selection timeout, not-primary, recovering and pool-cleared exceptions; a socket
     * failure; the schema registry unreachable.
     */
    static boolean isInfrastructure(Throwable cause) {
        if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                || cause instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (cause instanceof SQLException sql) {
            if (transientSqlState(sql.getSQLState())) {
                return true;
            }
            String message = sql.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                return true; // Agroal: "Acquisition timeout while waiting for new connection"
            }
        }
        return isA(cause, INFRASTRUCTURE_TYPES);
    }

    static boolean transientSqlState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || state.equals("40001") || state.equals("40P01") || state.equals("55P03");
    }

    private static boolean isA(Throwable cause, Set<String> typeNames) {
        for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
            if (typeNames.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }

    /** The exception and its causes, each once (a cyclic chain ends). */
    private static List<Throwable> chain(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            chain.add(t);
            if (t instanceof SQLException sql && sql.getNextException() != null && seen.get(sql.getNextException()) == null) {
                chain.add(sql.getNextException());
            }
        }
        return chain;
    }

    private FailureClassifier() {
    }
}
