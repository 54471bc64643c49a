package io.switchboard.intake.ticket;

import io.switchboard.web.errors.RuleViolationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code Idempotency-Key} of ticket creation: the first request with a key claims it (in the
 * creating transaction); a retry with the same body gets the same ticket, one with another body a 422.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final String CLAIM = """
            insert into idempotency_key (idempotency_key, request_hash, ticket_id)
            select k.key, k.hash, 'pending' from unnest(?::varchar[], ?::varchar[]) with ordinality as k(key, hash, ord)
            order by k.ord
            on conflict do nothing
            returning idempotency_key""";
    private static final String EARLIER =
            "select idempotency_key, request_hash, ticket_id from idempotency_key where idempotency_key = any(?)";
    private static final String SETTLE = """
            update idempotency_key k set ticket_id = s.ticket_id
            from unnest(?::varchar[], ?::varchar[]) as s(key, ticket_id) where k.idempotency_key = s.key""";

    private final EntityManager entityManager;

    IdempotencyKeys(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** What an earlier request left under a key: the hash of its body and the ticket it landed on. */
    public record Earlier(String requestHash, String ticketId) {
    }

    /** Claims the key for a request; empty when claimed now, else the ticket an earlier request created. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> claim(String key, byte[] canonicalRequest) {
        String hash = sha256(canonicalRequest);
        Earlier earlier = claimAll(new TreeMap<>(Map.of(key, hash))).get(key);
        if (earlier == null) {
            return Optional.empty();
        }
        if (!hash.equals(earlier.requestHash())) {
            throw reused(key);
        }
        return Optional.of(earlier.ticketId());
    }

    /**
     * Claims every free key (request hash by key, sorted so that concurrent claims lock keys in one
     * order) for the current transaction; returns what earlier requests left under the others.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Earlier> claimAll(SortedMap<String, String> hashByKey) {
        if (hashByKey.isEmpty()) {
            return Map.of();
        }
        String[] keys = hashByKey.keySet().toArray(String[]::new);
        String[] hashes = hashByKey.values().toArray(String[]::new);
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            Set<String> claimed = new HashSet<>();
            try (PreparedStatement insert = connection.prepareStatement(CLAIM)) {
                insert.setArray(1, connection.createArrayOf("varchar", keys));
                insert.setArray(2, connection.createArrayOf("varchar", hashes));
                try (ResultSet row = insert.executeQuery()) {
                    while (row.next()) {
                        claimed.add(row.getString(1));
                    }
                }
            }
            if (claimed.size() == keys.length) {
                return Map.of();
            }
            Map<String, Earlier> earlier = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(EARLIER)) {
                select.setArray(1, connection.createArrayOf("varchar",
                        Arrays.stream(keys).filter(k -> !claimed.contains(k)).toArray(String[]::new)));
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        earlier.put(row.getString(1), new Earlier(row.getString(2), row.getString(3)));
                    }
                }
            }
            return earlier;
        });
    }

    /** Points a claimed key at the ticket the request landed on (an occurrence lands on an older one). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settle(String key, String ticketId) {
        settleAll(Map.of(key, ticketId));
    }

    /** {@link #settle} for many keys at once: ticket id by key. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settleAll(Map<String, String> ticketByKey) {
        if (ticketByKey.isEmpty()) {
            return;
        }
        String[] keys = ticketByKey.keySet().toArray(String[]::new);
        String[] tickets = Arrays.stream(keys).map(ticketByKey::get).toArray(String[]::new);
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(SETTLE)) {
                update.setArray(1, connection.createArrayOf("varchar", keys));
                update.setArray(2, connection.createArrayOf("varchar", tickets));
                update.executeUpdate();
            }
        });
    }

    static RuleViolationException reused(String key) {
        return new RuleViolationException("Idempotency key reused",
                "Idempotency-Key " + key + " was already used with a different request body");
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
