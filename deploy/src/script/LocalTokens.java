import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The local stand-in for the token issuer, with nothing but a JDK (run as {@code java LocalTokens.java}).
 *
 * <pre>
 *   keys  DIR                               make DIR/private-key.pem, public-key.pem, jwks.json (once)
 *   token DIR ROLE SUBJECT [CUSTOMER] [TTL]  print an RS256 token signed with DIR's key (keys made if absent)
 * </pre>
 *
 * Issuer and audience come from SWITCHBOARD_JWT_ISSUER and SWITCHBOARD_JWT_AUDIENCE, with the same
 * defaults as the services (services/web, META-INF/microprofile-config.properties). A customer token
 * needs CUSTOMER (its customer_id claim). TTL is in seconds, default 3600.
 */
public class LocalTokens {

    static final Set<String> ROLES = Set.of("system", "agent", "supervisor", "operator", "partner", "customer");
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("keys")) {
            keys(Path.of(args[1]));
        } else if (args.length >= 4 && args[0].equals("token")) {
            String customer = args.length > 4 && !args[4].isBlank() ? args[4] : null;
            long ttl = args.length > 5 && !args[5].isBlank() ? Long.parseLong(args[5]) : 3600;
            try {
                System.out.println(token(Path.of(args[1]), args[2], args[3], customer, ttl));
            } catch (IllegalArgumentException e) {
                System.err.println("[tokens] " + e.getMessage());
                System.exit(2);
            }
        } else {
            System.err.println("usage: java LocalTokens.java keys DIR | token DIR ROLE SUBJECT [CUSTOMER] [TTL_SECONDS]");
            System.exit(2);
        }
    }

    static void keys(Path dir) throws Exception {
        if (Files.exists(dir.resolve("public-key.pem")) && Files.exists(dir.resolve("private-key.pem"))) {
            return;
        }
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        String kid = kid(publicKey);
        write(dir.resolve("private-key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
        write(dir.resolve("jwks.json"), "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid
                + "\",\"n\":\"" + B64.encodeToString(unsigned(publicKey.getModulus()))
                + "\",\"e\":\"" + B64.encodeToString(unsigned(publicKey.getPublicExponent())) + "\"}]}\n", false);
        // Written last: its presence means the set is complete.
        write(dir.resolve("public-key.pem"), pem("PUBLIC KEY", publicKey.getEncoded()), false);
        System.err.println("[tokens] made a local signing key in " + dir + " (kid " + kid + ")");
    }

    static String token(Path dir, String role, String subject, String customer, long ttl) throws Exception {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("ROLE must be one of " + ROLES + ", not '" + role + "'");
        }
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("SUB (the acting person or system) is required");
        }
        if (role.equals("customer") && customer == null) {
            throw new IllegalArgumentException("a customer token needs CUSTOMER=<customer id>");
        }
        keys(dir);
        String der = Files.readString(dir.resolve("private-key.pem")).replaceAll("-----[A-Z ]+-----", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(der)));
        String publicDer = Files.readString(dir.resolve("public-key.pem")).replaceAll("-----[A-Z ]+-----", "");
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(publicDer)));
        long now = Instant.now().getEpochSecond();
        StringBuilder claims = new StringBuilder("{")
                .append("\"iss\":").append(json(env("SWITCHBOARD_JWT_ISSUER", "https://switchboard.local/issuer")))
                .append(",\"aud\":").append(json(env("SWITCHBOARD_JWT_AUDIENCE", "switchboard")))
                .append(",\"sub\":").append(json(subject))
                .append(",\"groups\":[").append(json(role)).append(']')
                .append(",\"iat\":").append(now)
                .append(",\"exp\":").append(now + ttl)
                .append(",\"jti\":").append(json(UUID.randomUUID().toString()));
        if (customer != null) {
            claims.append(",\"customer_id\":").append(json(customer));
        }
        claims.append('}');
        String input = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":" + json(kid(publicKey)) + "}") + "." + encode(claims.toString());
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(rsa.sign());
    }

    /** A stable key id: the first bytes of the key's SHA-256, so that a rotated key gets a new one. */
    static String kid(RSAPublicKey key) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        return "local-" + B64.encodeToString(digest).substring(0, 12);
    }

    static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static String encode(String text) {
        return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    static void write(Path file, String content, boolean secret) throws Exception {
        Path staging = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's own permissions apply.
        }
        Files.writeString(staging, content);
        Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
