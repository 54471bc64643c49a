package io.switchboard.web.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VerifiedTokensTest {

    /** A verified token in this test: its text and its exp (epoch seconds). */
    record Token(String text, long exp) { }

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<String> verifications = new ArrayList<>();

    private Token verifier(String text) {
        verifications.add(text);
        if (text.startsWith("bad")) {
            throw new IllegalArgumentException("signature refused");
        }
        // the token's exp is written in it: "tok-<exp seconds>"
        return new Token(text, Long.parseLong(text.substring(text.lastIndexOf('-') + 1)));
    }

    private Token verify(VerifiedTokens<Token> cache, String text) {
        return cache.verify(text, this::verifier, Token::exp);
    }

    private VerifiedTokens<Token> cache(int maxEntries, Duration maxAge) {
        return new VerifiedTokens<>(maxEntries, 100, maxAge, now::get);
    }

    @Test
    void a_repeated_token_is_verified_once_until_its_expiry() {
        VerifiedTokens<Token> cache = cache(10, Duration.ofMinutes(10));
        String token = "tok-" + (now.get() / 1000 + 120);

        Token first = verify(cache, token);
        assertSame(first, verify(cache, token));
        assertEquals(1, verifications.size());

        now.addAndGet(120_000); // at exp: verified again, so the verifier's own expiry check decides
        verify(cache, token);
        assertEquals(2, verifications.size());
    }

    @Test
    void a_verification_is_never_reused_longer_than_max_age() {
        VerifiedTokens<Token> cache = cache(10, Duration.ofSeconds(60));
        String token = "tok-" + (now.get() / 1000 + 3600);
        verify(cache, token);
        now.addAndGet(59_999);
        verify(cache, token);
        assertEquals(1, verifications.size());
        now.addAndGet(1);
        verify(cache, token);
        assertEquals(2, verifications.size());
    }

    @Test
    void refused_tokens_are_verified_every_time() {
        VerifiedTokens<Token> cache = cache(10, Duration.ofMinutes(1));
        assertThrows(IllegalArgumentException.class, () -> verify(cache, "bad-1"));
        assertThrows(IllegalArgumentException.class, () -> verify(cache, "bad-1"));
        assertEquals(2, verifications.size());
        assertEquals(0, cache.size());
    }

    @Test
    void a_token_without_expiry_or_already_expired_is_not_kept() {
        VerifiedTokens<Token> cache = cache(10, Duration.ofMinutes(1));
        verify(cache, "tok-0");
        verify(cache, "tok-0");
        verify(cache, "tok-" + (now.get() / 1000 - 1));
        assertEquals(3, verifications.size());
        assertEquals(0, cache.size());
    }

    @Test
    void a_full_cache_sweeps_expired_entries_and_otherwise_keeps_no_more() {
        VerifiedTokens<Token> cache = cache(2, Duration.ofMinutes(10));
        long exp = now.get() / 1000 + 60;
        verify(cache, "a-tok-" + exp);
        verify(cache, "b-tok-" + (exp + 600));
        verify(cache, "c-tok-" + exp);
        assertEquals(2, cache.size());
        verify(cache, "c-tok-" + exp);
        assertEquals(4, verifications.size(), "the third token was not kept");

        now.addAndGet(61_000); // a's verification has lapsed: its room goes to the next new token
        verify(cache, "d-tok-" + (exp + 600));
        verify(cache, "d-tok-" + (exp + 600));
        assertEquals(5, verifications.size());
        assertEquals(2, cache.size());
    }

    @Test
    void long_tokens_and_a_zero_sized_cache_keep_nothing() {
        VerifiedTokens<Token> off = cache(0, Duration.ofMinutes(1));
        String token = "tok-" + (now.get() / 1000 + 60);
        verify(off, token);
        verify(off, token);
        VerifiedTokens<Token> shortTokens = new VerifiedTokens<>(10, 5, Duration.ofMinutes(1), now::get);
        shortTokens.verify(token, this::verifier, Token::exp);
        shortTokens.verify(token, this::verifier, Token::exp);
        assertEquals(4, verifications.size());
    }
}
