package io.switchboard.eventing;

import io.switchboard.eventing.FailureClassifier.Failure;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which handler failures dead-letter a record, which pause the consumer, which are retried a few times. */
class FailureClassifierTest {

    @Test
    void aRejectedEventIsPoisonEvenWhenWrapped() {
        assertEquals(Failure.POISON, FailureClassifier.classify(new RejectedEventException("unknown routing key")));
        assertEquals(Failure.POISON, FailureClassifier.classify(new IllegalStateException("wrapped",
                new RejectedEventException("unknown routing key"))));
    }

    @Test
    void validationErrorsArePoison() {
        assertEquals(Failure.POISON, FailureClassifier.classify(new IllegalArgumentException("summary too long")));
        assertEquals(Failure.POISON, FailureClassifier.classify(new NumberFormatException("not a number")));
        assertEquals(Failure.POISON, FailureClassifier.classify(new jakarta.validation.ConstraintViolationException("invalid", null)));
    }

    @Test
    void jdbcConnectionAndTransientFailuresAreInfrastructure() {
        assertEquals(Failure.INFRASTRUCTURE, FailureClassifier.classify(new SQLTransientConnectionException("pool empty")));
        assertEquals(Failure.INFRASTRUCTURE, FailureClassifier.classify(new SQLTimeoutException("statement timeout")));
        assertEquals(Failure.INFRASTRUCTURE, FailureClassifier.classify(new SQLTransactionRollbackException("rolled back")));
        assertEquals(Failure.INFRASTRUCTURE, FailureClassifier.classify(new SQLRecoverableException("reconnect")));
        assertEquals(Failure.INFRASTRUCTURE, FailureClassifier.classify(new SQLNonTransientConnectionException("closed")));
    }

    @Test
    void sqlStatesOfConnectionResourceShutdownSerializationDeadlockAndLockAreInfrastructure() {
        for (String state : new String[] {"08000", "08001", "08006", "08003", "53300", "53100", "57P01", "57P02",
                "57P03", "40001", "40P01", "55P03"}) {
            assertEquals(Failure.INFRASTRUCTURE, FailureClassifier.classify(
                    new PersistenceException("wrapped", new SQLException("failed", state))), state);
        }
    }

    @Test
    void integrityViolationsAndOtherSqlStatesAreUnknown() {
        for (String state : new String[] {"23505", "23514", "42P01", "22001", "57014"}) {
            assertEquals(Failure.UNKNOWN, FailureClassifier.classify(
                    new PersistenceException("wrapped", new SQLException("failed", state))), state);
        }
        assertEquals(Failure.UNKNOWN, FailureClassifier.classify(new SQLException("no state")));
    }

    @Test
    void aPoolAcquisitionTimeoutIsInfrastructure() {
        // Agroal's messages, wrapped as Hibernate wraps them when it cannot get a connection.
        assertEquals(Failure.INFRASTRUCTURE, FailureClassifier.classify(new GenericJDBCException(
                "Unable to acquire JDBC Connection",
                new SQLException("Acquisition timeout while waiting for new connection", new TimeoutException()))));
        assertEquals(Failure.INFRASTRUCTURE, FailureClassifier.classify(new SQLException("Sorry, acquisition timeout!")));
    }

    @Test
    void hibernateAndJpaConnectionAndLockExceptionsAreInfrastructure() {
        assertEquals(Failure.INFRASTRUCTURE, FailureClassifier.classify(
                new JDBCConnectionException("connection lost", new SQLException("I/O error"))));
        assertEquals(Failure.INFRASTRUCTURE, FailureClassifier.classify(
                new LockAcquisitionException("lock", new SQLException("lock"))));
        assertEquals(Failure.INFRASTRUCTURE, FailureClassifier.classify(new LockTimeoutException("lock timeout")));
        assertEquals(Failure.INFRASTRUCTURE, FailureClassifier.classify(new PessimisticLockException("locked")));
    }

    @Test
    void socketFailuresAndAnUnreachableRegistryAreInfrastructure() {
        assertEquals(Failure.INFRASTRUCTURE, FailureClassifier.classify(new RuntimeException(new SocketException("Connection reset"))));
        assertEquals(Failure.INFRASTRUCTURE, FailureClassifier.classify(new RuntimeException(new ConnectException("Connection refused"))));
        assertEquals(Failure.INFRASTRUCTURE, FailureClassifier.classify(
                new EventSerde.RegistryUnavailableException("schema registry unreachable", null)));
    }

    @Test
    void infrastructureWinsOverAValidationErrorThatWrapsIt() {
        assertEquals(Failure.INFRASTRUCTURE, FailureClassifier.classify(new IllegalArgumentException("query failed",
                new SQLException("I/O error", "08006"))));
    }

    @Test
    void anythingElseIsUnknown() {
        assertEquals(Failure.UNKNOWN, FailureClassifier.classify(new IllegalStateException("the ledger cannot take it")));
        assertEquals(Failure.UNKNOWN, FailureClassifier.classify(new NullPointerException()));
        assertEquals(Failure.UNKNOWN, FailureClassifier.classify(new PersistenceException("something")));
    }

    @Test
    void aCyclicCauseChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertEquals(Failure.UNKNOWN, FailureClassifier.classify(a));
    }
}
