package io.switchboard.intake.customer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Callers the directory does not know. Their tickets and events carry an opaque id, never the phone
 * number: the number stays here, in intake's store, with the id it was given (the same number always gets
 * the same id, so an unknown caller's tickets still belong together).
 */
@ApplicationScoped
public class UnknownCallers {

    public static final String ID_PREFIX = "caller-";

    private final EntityManager entityManager;
    private final Clock clock;

    UnknownCallers(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** The opaque id of this number, given now if it has none yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String idOf(String phoneNumber) {
        entityManager.createNativeQuery("insert into unknown_caller (id, phone_number, first_seen_at) values (?1, ?2, ?3)"
                        + " on conflict (phone_number) do nothing")
                .setParameter(1, ID_PREFIX + UUID.randomUUID())
                .setParameter(2, phoneNumber)
                .setParameter(3, Instant.now(clock))
                .executeUpdate();
        return (String) entityManager.createNativeQuery("select id from unknown_caller where phone_number = ?1")
                .setParameter(1, phoneNumber).getSingleResult();
    }
}
