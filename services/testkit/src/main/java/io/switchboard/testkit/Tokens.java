package io.switchboard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bearer tokens for tests, signed (RS256) with a key pair made for this test run, the way the
 * issuer signs them in production. {@link LocalStackResource} points the service's verifier at the
 * run's public key, issuer and audience, so tests call e.g.
 * {@code given().auth().oauth2(Tokens.agent("agent-7"))}. {@link #token()} builds the bad ones too
 * (expired, another issuer or audience, {@code alg: none}, another key).
 *
 * <p>The key pair lives in files named by the JVM's process id, not in a static field: Quarkus
 * loads test resources and tests through different class loaders, and both must see one key.
 */
public final class Tokens {

    public static final String ISSUER = "https://switchboard.test/issuer";
    public static final String AUDIENCE = "switchboard";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public static String system(String subject) {
        return token().subject(subject).roles("system").sign();
    }

    public static String agent(String subject) {
        return token().subject(subject).roles("agent").sign();
    }

    public static String supervisor(String subject) {
        return token().subject(subject).roles("supervisor").sign();
    }

    public static String operator(String subject) {
        return token().subject(subject).roles("operator").sign();
    }

    public static String partner(String subject) {
        return token().subject(subject).roles("partner").sign();
    }

    /** A customer's user {@code subject}, acting for customer {@code customerId} (the {@code customer_id} claim). */
    public static String customer(String customerId, String subject) {
        return token().subject(subject).roles("customer").claim("customer_id", customerId).sign();
    }

    public static Builder token() {
        return new Builder();
    }

    /** The configuration that makes a service under test verify these tokens. */
    public static Map<String, String> verifierConfig() {
        return Map.of(
                "mp.jwt.verify.publickey.location", keys().resolve("public-key.pem").toAbsolutePath().toString(),
                "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.audiences", AUDIENCE);
    }

    /** A token under construction; by default valid for 5 minutes, from this run's issuer, for this run's audience. */
    public static final class Builder {
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private Instant issuedAt = Instant.now();
        private Duration lifetime = Duration.ofMinutes(5);

        private Builder() {
            claims.put("iss", ISSUER);
            claims.put("aud", AUDIENCE);
            claims.put("jti", UUID.randomUUID().toString());
        }

        public Builder subject(String subject) {
            return claim("sub", subject);
        }

        public Builder roles(String... roles) {
            return claim("groups", List.of(roles));
        }

        public Builder issuer(String issuer) {
            return claim("iss", issuer);
        }

        public Builder audience(String audience) {
            return claim("aud", audience);
        }

        /** Expired {@code ago} ago (issued a lifetime before that). */
        public Builder expired(Duration ago) {
            issuedAt = Instant.now().minus(ago).minus(lifetime);
            return this;
        }

        public Builder claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        /** Signed with the run's private key, as the issuer signs. */
        public String sign() {
            return sign(privateKey());
        }

        /** Signed with another key than the one the services trust. */
        public String signWithAnotherKey() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return sign(generator.generateKeyPair().getPrivate());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** {@code alg: none} and no signature: must never be accepted. */
        public String unsigned() {
            return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(payload()) + ".";
        }

        private String sign(PrivateKey key) {
            String input = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"switchboard-test\"}") + "." + encode(payload());
            try {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initSign(key);
                rsa.update(input.getBytes(StandardCharsets.US_ASCII));
                return input + "." + B64.encodeToString(rsa.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private String payload() {
            Map<String, Object> all = new LinkedHashMap<>(claims);
            all.put("iat", issuedAt.getEpochSecond());
            all.put("exp", issuedAt.plus(lifetime).getEpochSecond());
            return json(all);
        }
    }

    /** A signed token with one character of its payload changed: the signature no longer matches. */
    public static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"groups\":[\"agent\"]", "\"groups\":[\"supervisor\"]");
        return parts[0] + "." + encode(payload) + "." + parts[2];
    }

    private static String encode(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Object value) {
        if (value instanceof String s) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                }
            }
            return out.append('"').toString();
        }
        if (value instanceof Map<?, ?> map) {
            List<String> fields = new ArrayList<>();
            map.forEach((k, v) -> fields.add(json(k.toString()) + ":" + json(v)));
            return "{" + String.join(",", fields) + "}";
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(",", list.stream().map(Tokens::json).toList()) + "]";
        }
        return String.valueOf(value);
    }

    private static PrivateKey privateKey() {
        try {
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(keys().resolve("private-key.pem"))
                    .replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This JVM's key pair: made once, by whichever class loader asks first. */
    private static synchronized Path keys() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "switchboard-test-jwt-" + ProcessHandle.current().pid());
        if (Files.exists(dir.resolve("public-key.pem"))) {
            return dir;
        }
        try {
            Path staging = Files.createTempDirectory("switchboard-test-jwt-");
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(staging.resolve("private-key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(staging.resolve("public-key.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            try {
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException lost) {
                // Another class loader was first: use its pair.
            }
            dir.toFile().deleteOnExit();
            dir.resolve("private-key.pem").toFile().deleteOnExit();
            dir.resolve("public-key.pem").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private Tokens() {
    }
}
