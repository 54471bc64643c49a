package io.switchboard.escalation.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The default policy of domain.md, kept once as data in {@code default-policy.properties} beside this class, in file order. */
final class DefaultPolicy {

    static final String RESOURCE = "default-policy.properties";

    static Map<String, String> entries() {
        try (InputStream in = DefaultPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return PolicyText.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DefaultPolicy() {
    }
}
