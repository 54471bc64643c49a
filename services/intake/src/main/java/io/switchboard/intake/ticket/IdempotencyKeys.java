package io.switchboard.intake.ticket;

import io.switchboard.intake.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The {@code Idempotency-Key} of ticket creation: the first request with a key claims it (in the
 * creating transaction); a retry with the same body gets the same ticket, one with another body a 422.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private final EntityManager entityManager;

    IdempotencyKeys(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Claims the key for a request; empty when claimed now, else the ticket an earlier request created. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> claim(String key, byte[] canonicalRequest, String provisionalTicketId) {
        String hash = sha256(canonicalRequest);
        int claimed = entityManager.createNativeQuery("insert into idempotency_key (idempotency_key, request_hash, ticket_id) "
                        + "values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, key).setParameter(2, hash).setParameter(3, provisionalTicketId)
                .executeUpdate();
        if (claimed == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "select request_hash, ticket_id from idempotency_key where idempotency_key = ?1")
                .setParameter(1, key).getResultList();
        Object[] earlier = rows.get(0);
        if (!hash.equals(earlier[0])) {
            throw ProblemException.unprocessable("Idempotency key reused",
                    "Idempotency-Key " + key + " was already used with a different request body");
        }
        return Optional.of((String) earlier[1]);
    }

    /** Points a claimed key at the ticket the request landed on (an occurrence lands on an older one). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settle(String key, String ticketId) {
        entityManager.createNativeQuery("update idempotency_key set ticket_id = ?2 where idempotency_key = ?1")
                .setParameter(1, key).setParameter(2, ticketId).executeUpdate();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
