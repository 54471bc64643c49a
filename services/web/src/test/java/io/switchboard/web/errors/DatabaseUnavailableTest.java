package io.switchboard.web.errors;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseUnavailableTest {

    @Test
    void aConnectionFailureAnywhereInTheChainIsUnavailability() {
        // what Hibernate and the transaction manager wrap around the PostgreSQL driver's exceptions
        assertTrue(DatabaseUnavailable.among(new IllegalStateException("commit failed",
                new RuntimeException(new SQLException("Connection refused", "08001")))));
        assertTrue(DatabaseUnavailable.among(new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01"))));
        assertTrue(DatabaseUnavailable.among(new RuntimeException(new SQLTransientConnectionException("gone"))));
        assertTrue(DatabaseUnavailable.among(new RuntimeException(new SQLException("Acquisition timeout while waiting for new connection"))));
    }

    @Test
    void otherDatabaseErrorsAndBugsAreNot() {
        assertFalse(DatabaseUnavailable.among(new RuntimeException(new SQLException("duplicate key", "23505"))));
        assertFalse(DatabaseUnavailable.among(new RuntimeException(new SQLException("deadlock detected", "40P01"))));
        assertFalse(DatabaseUnavailable.among(new NullPointerException()));
        RuntimeException cyclic = new RuntimeException();
        cyclic.initCause(new IllegalStateException(cyclic));
        assertFalse(DatabaseUnavailable.among(cyclic));
    }
}
