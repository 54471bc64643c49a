package io.switchboard.intake.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default policies of domain.md, kept once as data in {@code default-policies.properties} beside
 * this class: each policy's {@code defaults()} parses its section, so a default is written in one
 * place and read by the same code as an operator's configuration. Entries keep their file order.
 */
public final class DefaultPolicies {

    static final String RESOURCE = "default-policies.properties";
    private static final Map<String, Map<String, String>> SECTIONS = load();

    /** The entries of one policy, e.g. {@code section("priority-matrix")}; never empty. */
    public static Map<String, String> section(String policy) {
        Map<String, String> entries = SECTIONS.get(policy);
        if (entries == null) {
            throw new IllegalStateException(RESOURCE + " has no entries for policy '" + policy + "'");
        }
        return entries;
    }

    static Map<String, Map<String, String>> sections() {
        return SECTIONS;
    }

    private static Map<String, Map<String, String>> load() {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        try (InputStream in = DefaultPolicies.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                int equals = text.indexOf('=');
                int dot = text.indexOf('.');
                if (equals < 0 || dot < 0 || dot > equals) {
                    throw new IllegalStateException(RESOURCE + " line " + number + ": expected <policy>.<entry>=<value>");
                }
                String policy = text.substring(0, dot);
                String entry = text.substring(dot + 1, equals).strip();
                Map<String, String> section = sections.computeIfAbsent(policy, p -> new LinkedHashMap<>());
                if (section.put(entry, text.substring(equals + 1).strip()) != null) {
                    throw new IllegalStateException(RESOURCE + " line " + number + ": " + policy + "." + entry + " given twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sections.replaceAll((policy, entries) -> Collections.unmodifiableMap(entries));
        return Collections.unmodifiableMap(sections);
    }

    private DefaultPolicies() {
    }
}
