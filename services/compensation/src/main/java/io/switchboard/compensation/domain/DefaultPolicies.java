package io.switchboard.compensation.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The defaults of domain.md, kept once as data in {@code default-policies.properties} beside this class and
 * parsed by the same code as an operator's configuration.
 */
public final class DefaultPolicies {

    static final String RESOURCE = "default-policies.properties";
    private static final Properties DEFAULTS = load();

    private DefaultPolicies() {
    }

    /** One default entry, e.g. {@code get("policy.per-minute")}. */
    public static String get(String key) {
        String value = DEFAULTS.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(RESOURCE + " has no entry '" + key + "'");
        }
        return value;
    }

    /** The credit policies shipped by default, by id. */
    public static java.util.Map<String, CreditPolicy> creditPolicies() {
        java.util.Map<String, CreditPolicy> policies = new java.util.TreeMap<>();
        for (String key : DEFAULTS.stringPropertyNames()) {
            if (key.startsWith("policy.")) {
                CreditPolicy policy = CreditPolicy.parse(DEFAULTS.getProperty(key));
                policies.put(policy.id(), policy);
            }
        }
        return policies;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = DefaultPolicies.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
