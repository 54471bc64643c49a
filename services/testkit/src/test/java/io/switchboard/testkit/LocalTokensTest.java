package io.switchboard.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code make token}, as an operator runs it: it makes the local signing key once and prints a token that the key's
 * public half verifies, with the role, subject, issuer and audience the services expect.
 */
class LocalTokensTest {

    @TempDir
    Path stackDir;

    @Test
    void makeTokenPrintsATokenSignedByTheLocalKey() throws Exception {
        String token = make("ROLE=agent", "SUB=agent-7").strip();
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length, token);

        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publicKey(stackDir.resolve("jwt/public-key.pem")));
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])), "signed by .stack/jwt's key");

        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"sub\":\"agent-7\""), claims);
        assertTrue(claims.contains("\"groups\":[\"agent\"]"), claims);
        assertTrue(claims.contains("\"iss\":\"https://switchboard.local/issuer\""), claims);
        assertTrue(claims.contains("\"aud\":\"switchboard\""), claims);
    }

    @Test
    void aCustomerTokenWithoutItsCustomerIsRefused() throws Exception {
        Process process = start("ROLE=customer", "SUB=user-1");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertTrue(process.exitValue() != 0, output);
        assertTrue(output.contains("a customer token needs CUSTOMER=<customer id>"), output);
    }

    private String make(String... variables) throws Exception {
        Process process = start(variables);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output.lines().filter(line -> line.startsWith("eyJ")).findFirst().orElseThrow(() -> new AssertionError(output));
    }

    private Process start(String... variables) throws IOException {
        String[] command = new String[3 + variables.length];
        command[0] = "make";
        command[1] = "-s";
        command[2] = "token";
        System.arraycopy(variables, 0, command, 3, variables.length);
        ProcessBuilder builder = new ProcessBuilder(command).directory(LocalStack.projectRoot().toFile()).redirectErrorStream(true);
        builder.environment().put("SWITCHBOARD_STACK_DIR", stackDir.toString());
        builder.environment().remove("SWITCHBOARD_JWT_ISSUER");
        builder.environment().remove("SWITCHBOARD_JWT_AUDIENCE");
        return builder.start();
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
