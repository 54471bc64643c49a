package io.switchboard.web.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;

/**
 * The bearer-token parser every request's authentication goes through (smallrye-jwt's, with its
 * checks of signature, issuer, audience and expiry unchanged), verifying each distinct token once
 * ({@link VerifiedTokens}; {@code switchboard.web.token-cache.*}, docs/operations.md "Tokens").
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingTokenParser implements JWTParser {

    private final DefaultJWTParser parser;
    private final VerifiedTokens<JsonWebToken> verified;

    CachingTokenParser(DefaultJWTParser parser,
                       @ConfigProperty(name = "switchboard.web.token-cache.max-entries") int maxEntries,
                       @ConfigProperty(name = "switchboard.web.token-cache.max-token-length") int maxTokenLength,
                       @ConfigProperty(name = "switchboard.web.token-cache.max-age") Duration maxAge) {
        this.parser = parser;
        this.verified = new VerifiedTokens<>(maxEntries, maxTokenLength, maxAge, System::currentTimeMillis);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return verified.verify(token, parser::parse, JsonWebToken::getExpirationTime);
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
