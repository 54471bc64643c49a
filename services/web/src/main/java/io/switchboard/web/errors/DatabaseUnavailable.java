package io.switchboard.web.errors;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Recognises a failure that means "the database cannot be reached right now" (down, restarting,
 * connection cut, pool unable to connect), as opposed to a bug: such a request was not carried out
 * and may be retried, so the edge answers 503 with Retry-After rather than 500. Plain Java: a
 * Hibernate wrapper is recognised by its JDBC cause.
 */
public final class DatabaseUnavailable {

    /** True when some cause is a JDBC connection failure, an SQLState of class 08 or 57P, or a pool acquisition timeout. */
    public static boolean among(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, Boolean.TRUE) == null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P01-57P03: the server shuts down or is starting.
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
            }
            String message = cause.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                return true; // Agroal: the pool could not hand out a connection in time
            }
        }
        return false;
    }

    private DatabaseUnavailable() {
    }
}
