package io.switchboard.routing.domain;

/**
 * A category code pattern of the rule tables: an exact code ({@code technical.databases}), a prefix
 * ({@code technical.*}) or everything ({@code *}). The most specific matching pattern wins: an exact
 * code over any prefix, a longer prefix over a shorter one.
 */
record CategoryPattern(String text) {

    static CategoryPattern parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || (t.contains("*") && !(t.equals("*") || (t.endsWith(".*") && t.indexOf('*') == t.length() - 1)))) {
            throw new InvalidPolicyException("category pattern '" + text + "': an exact code, a prefix ending in .* or *");
        }
        return new CategoryPattern(t);
    }

    boolean matches(String category) {
        if (text.equals("*")) {
            return true;
        }
        if (text.endsWith(".*")) {
            String prefix = text.substring(0, text.length() - 2);
            return category.equals(prefix) || category.startsWith(prefix + ".");
        }
        return text.equals(category);
    }

    /** Higher is more specific. */
    int specificity() {
        if (text.equals("*")) {
            return 0;
        }
        return text.endsWith(".*") ? text.length() : 10_000 + text.length();
    }
}
