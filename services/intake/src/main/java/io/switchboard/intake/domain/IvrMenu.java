package io.switchboard.intake.domain;

import io.switchboard.policy.PolicySpec;
import io.switchboard.contracts.common.Scenario;
import io.switchboard.contracts.common.TicketClass;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The IVR tree: which keys lead to which {@link IvrLeaf}.
 *
 * <p>Reading a key path: keys may be separated by '-', ',' or spaces ("2-1" is "21"). Language keys pressed first
 * choose the language (the last one counts) and the rest is the menu path, so "521" is cloud servers in Japanese.
 * The emergency key as the first menu key skips the menu: the call is an emergency of the {@code emergency} leaf,
 * whatever follows. Paths that lead to no option (none pressed, incomplete like "2", unknown like "29") give the
 * {@code fallback} leaf with the reason, never an error, because menu routing is imperfect and tickets are re-routed later.
 *
 * @param leaves       menu path (digits) to option; no path may start with a language key or the emergency key
 * @param languages    language key (one digit) to ISO 639-1 code
 * @param emergencyKey one digit
 */
public record IvrMenu(Map<String, IvrLeaf> leaves, Map<String, String> languages, String emergencyKey,
                      IvrLeaf emergency, IvrLeaf fallback) {

    public static final int MAX_KEYS = 32;

    public IvrMenu {
        if (emergency == null || fallback == null) {
            throw new IllegalArgumentException("IVR menu needs an emergency and a fallback option");
        }
        emergencyKey = singleKey(emergencyKey, "IVR emergency key");
        Map<String, String> languageCopy = new TreeMap<>();
        for (var entry : languages.entrySet()) {
            String context = "IVR language key '" + entry.getKey() + "'";
            String key = singleKey(entry.getKey(), context);
            String language = entry.getValue() == null ? "" : entry.getValue().strip().toLowerCase(Locale.ROOT);
            if (!language.matches("[a-z]{2}")) {
                throw new IllegalArgumentException(context + ": '" + entry.getValue() + "' is not an ISO 639-1 language code such as ja");
            }
            if (key.equals(emergencyKey)) {
                throw new IllegalArgumentException(context + ": is also the emergency key");
            }
            if (languageCopy.put(key, language) != null) {
                throw new IllegalArgumentException(context + ": is given twice");
            }
        }
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("IVR menu has no options");
        }
        Map<String, IvrLeaf> leafCopy = new TreeMap<>();
        for (var entry : leaves.entrySet()) {
            String context = "IVR menu entry '" + entry.getKey() + "'";
            String path = configuredPath(entry.getKey(), context);
            if (path.isEmpty() || entry.getValue() == null) {
                throw new IllegalArgumentException(context + ": needs a key path and an option");
            }
            String first = path.substring(0, 1);
            if (first.equals(emergencyKey) || languageCopy.containsKey(first)) {
                throw new IllegalArgumentException(context + ": starts with " + (first.equals(emergencyKey) ? "the emergency key " : "the language key ") + first);
            }
            if (leafCopy.put(path, entry.getValue()) != null) {
                throw new IllegalArgumentException(context + ": path " + path + " is given twice");
            }
        }
        leaves = Collections.unmodifiableMap(leafCopy);
        languages = Collections.unmodifiableMap(languageCopy);
    }

    /** The menu of domain.md ({@code default-policies.properties}); it names its emergency and fallback options. */
    public static IvrMenu defaults() {
        return read(DefaultPolicies.section("ivr"), null, null);
    }

    /**
     * Reads a menu from flat entries:
     * <ul>
     * <li>a key path, e.g. {@code "21" -> "category=technical.ecs;class=TECHNICAL;scenario=TECHNICAL_SUPPORT;product=ecs;skill=servers;label=cloud servers (ECS)"}
     * (see {@link IvrLeaf#parse}); at least one;</li>
     * <li>{@code "emergency-key" -> "0"}, required;</li>
     * <li>{@code "languages" -> "5=ja;9=ar"}, optional (no language keys without it);</li>
     * <li>{@code "emergency"} and {@code "fallback"} -> an option like a key path's, optional
     * (the default menu's options without them).</li>
     * </ul>
     */
    public static IvrMenu parse(Map<String, String> entries) {
        IvrMenu defaults = defaults();
        return read(entries, defaults.emergency(), defaults.fallback());
    }

    private static IvrMenu read(Map<String, String> entries, IvrLeaf defaultEmergency, IvrLeaf defaultFallback) {
        Map<String, IvrLeaf> leaves = new LinkedHashMap<>();
        Map<String, String> languages = new LinkedHashMap<>();
        String emergencyKey = null;
        IvrLeaf emergency = defaultEmergency;
        IvrLeaf fallback = defaultFallback;
        for (var entry : entries.entrySet()) {
            String name = entry.getKey().strip().toLowerCase(Locale.ROOT);
            switch (name) {
                case "emergency-key" -> emergencyKey = entry.getValue();
                case "emergency" -> emergency = IvrLeaf.parse(name, entry.getValue());
                case "fallback" -> fallback = IvrLeaf.parse(name, entry.getValue());
                case "languages" -> languages.putAll(PolicySpec.attributes(entry.getValue(), null, "IVR menu entry 'languages'"));
                default -> {
                    if (!name.matches("[0-9][0-9 ,-]*")) {
                        throw new IllegalArgumentException("IVR menu entry '" + entry.getKey()
                                + "': expected a key path such as 21, or emergency-key, languages, emergency, fallback");
                    }
                    leaves.put(name, IvrLeaf.parse(name, entry.getValue()));
                }
            }
        }
        if (emergencyKey == null) {
            throw new IllegalArgumentException("IVR menu entry 'emergency-key' is missing");
        }
        return new IvrMenu(leaves, languages, emergencyKey, emergency, fallback);
    }

    /**
     * The menu option for a category, so that work from other channels asks for the same skill and product as a
     * call would: the option with the shortest key path (then the lowest) whose category it is; empty when none.
     */
    public java.util.Optional<IvrLeaf> optionFor(String category) {
        return leaves.entrySet().stream()
                .filter(entry -> entry.getValue().category().equals(category))
                .min(java.util.Comparator.<Map.Entry<String, IvrLeaf>>comparingInt(entry -> entry.getKey().length())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getValue);
    }

    /** As {@link #resolve(String, String)} without a separately reported language key. */
    public IvrSelection resolve(String keyPath) {
        return resolve(keyPath, null);
    }

    /**
     * The selection for the keys a caller pressed.
     *
     * @param keyPath     the keys in order, e.g. "21", "2-1", "521"; null or empty when none was pressed
     * @param languageKey a language key the telephony system reports apart from the path, or null; it counts as
     *                    pressed before the path, and an unknown one is ignored (noted in the reason)
     * @throws InvalidFieldException ({@code ivrPath} or {@code languageKey}) when they hold anything but keys and separators
     */
    public IvrSelection resolve(String keyPath, String languageKey) {
        String keys = digits("ivrPath", keyPath);
        String language = null;
        String languageNote = "";
        String separateKey = digits("languageKey", languageKey);
        if (!separateKey.isEmpty()) {
            language = languages.get(separateKey);
            if (language == null) {
                languageNote = "; language key " + separateKey + " is not in the menu";
            }
        }
        int start = 0;
        while (start < keys.length() && languages.containsKey(keys.substring(start, start + 1))) {
            language = languages.get(keys.substring(start, start + 1));
            start++;
        }
        String path = keys.substring(start);
        String note = (language == null ? "" : "; language " + language) + languageNote;

        if (path.startsWith(emergencyKey)) {
            String ignored = path.length() > 1 ? "; keys " + path.substring(1) + " after it ignored" : "";
            return select(path, emergency, language, true, false,
                    emergency.category() + ": IVR emergency key " + emergencyKey + " skipped the menu" + ignored + note);
        }
        IvrLeaf leaf = leaves.get(path);
        if (leaf != null) {
            return select(path, leaf, language, false, false,
                    leaf.category() + " from IVR path " + path + " (" + leaf.label() + ")" + note);
        }
        return select(path, fallback, language, false, true, fallback.category() + ": " + whyNoOption(path) + note);
    }

    private String whyNoOption(String path) {
        if (path.isEmpty()) {
            return "no IVR menu keys pressed";
        }
        String options = leaves.keySet().stream().filter(p -> p.startsWith(path)).collect(Collectors.joining(", "));
        return options.isEmpty()
                ? "IVR path " + path + " is not in the menu"
                : "IVR path " + path + " is incomplete (options " + options + ")";
    }

    private static IvrSelection select(String path, IvrLeaf leaf, String language, boolean emergency, boolean fallback, String reason) {
        return new IvrSelection(path, leaf.category(), leaf.ticketClass(), leaf.scenario(), leaf.product(), leaf.skill(),
                language, emergency, fallback, reason, leaf.handover());
    }

    /** The keys without separators; an {@link InvalidFieldException} names anything that is not a key. */
    static String digits(String field, String keyPath) {
        if (keyPath == null) {
            return "";
        }
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < keyPath.length(); i++) {
            char c = keyPath.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != '-' && c != ',' && c != ' ') {
                String shown = Character.isISOControl(c) || Character.isWhitespace(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
                throw new InvalidFieldException(field, "has " + shown + " at position " + (i + 1)
                        + "; only the keys 0-9 are allowed, optionally separated by '-', ',' or spaces");
            }
        }
        if (digits.length() > MAX_KEYS) {
            throw new InvalidFieldException(field, "has more than " + MAX_KEYS + " keys");
        }
        return digits.toString();
    }

    private static String singleKey(String key, String context) {
        String trimmed = key == null ? "" : key.strip();
        if (!trimmed.matches("[0-9]")) {
            throw new IllegalArgumentException(context + ": must be one key 0-9");
        }
        return trimmed;
    }

    private static String configuredPath(String path, String context) {
        try {
            return digits("key path", path);
        } catch (InvalidFieldException e) {
            throw new IllegalArgumentException(context + ": " + e.problem(), e);
        }
    }
}
