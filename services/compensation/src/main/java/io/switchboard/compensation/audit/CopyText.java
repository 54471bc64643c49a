package io.switchboard.compensation.audit;

/** Rows in PostgreSQL's {@code COPY ... FROM STDIN} text format: tab-separated, {@code \N} for null, escapes for the rest. */
final class CopyText {

    /** Appends one row of these column values (null for SQL null). */
    static void row(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            String value = values[i];
            if (value == null) {
                out.append("\\N");
                continue;
            }
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
        out.append('\n');
    }

    private CopyText() {
    }
}
