package io.switchboard.web.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Tokens already verified, so that a client's repeated requests with the same bearer token skip the
 * signature check and the parse of its claims (a quarter of intake's request CPU before this, the
 * largest single cost on the event loops). Only an identical token string hits; a verification is
 * reused until the token's own expiry and never longer than {@code maxAge} after it was made, so a
 * key the issuer has withdrawn stops passing within {@code maxAge}. Refused tokens are never kept.
 * Bounded: when full of live entries, new tokens are verified every time and not kept.
 *
 * @param <T> what a verification yields (the verified token)
 */
public final class VerifiedTokens<T> {

    /** Verifies a token the cache does not hold, or throws. */
    @FunctionalInterface
    public interface Verifier<T, E extends Exception> {
        T verify(String token) throws E;
    }

    private record Verified<T>(T token, long reuseUntilMillis) { }

    private final Map<String, Verified<T>> verified = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final int maxTokenLength;
    private final long maxAgeMillis;
    private final LongSupplier nowMillis;

    public VerifiedTokens(int maxEntries, int maxTokenLength, Duration maxAge, LongSupplier nowMillis) {
        if (maxEntries < 0 || maxTokenLength < 0 || maxAge.isNegative()) {
            throw new IllegalArgumentException("token cache limits must not be negative");
        }
        this.maxEntries = maxEntries;
        this.maxTokenLength = maxTokenLength;
        this.maxAgeMillis = maxAge.toMillis();
        this.nowMillis = nowMillis;
    }

    /**
     * The token's verification: reused when this exact token was verified before and is still within
     * its expiry and {@code maxAge}, otherwise made by {@code verifier} (whose refusal propagates).
     *
     * @param expiresAtSeconds the verified token's {@code exp} (epoch seconds; 0 when it has none)
     */
    public <E extends Exception> T verify(String token, Verifier<T, E> verifier,
                                          ToLongFunction<T> expiresAtSeconds) throws E {
        long now = nowMillis.getAsLong();
        Verified<T> known = verified.get(token);
        if (known != null) {
            if (now < known.reuseUntilMillis()) {
                return known.token();
            }
            verified.remove(token, known);
        }
        T fresh = verifier.verify(token);
        long exp = expiresAtSeconds.applyAsLong(fresh);
        long reuseUntil = Math.min(now + maxAgeMillis, exp > 0 ? exp * 1000 : now);
        if (reuseUntil > now && token.length() <= maxTokenLength && roomFor(now)) {
            verified.put(token, new Verified<>(fresh, reuseUntil));
        }
        return fresh;
    }

    /** Entries held now (expired ones included until they are swept). */
    public int size() {
        return verified.size();
    }

    private boolean roomFor(long now) {
        if (verified.size() < maxEntries) {
            return true;
        }
        verified.values().removeIf(entry -> entry.reuseUntilMillis() <= now);
        return verified.size() < maxEntries;
    }
}
