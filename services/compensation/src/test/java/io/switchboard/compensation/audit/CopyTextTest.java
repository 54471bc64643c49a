package io.switchboard.compensation.audit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CopyTextTest {

    @Test
    void separatorsEscapesAndNullsFollowPostgresTextFormat() {
        StringBuilder out = new StringBuilder();
        CopyText.row(out, "plain", null, "tab\there", "line\nbreak\r", "back\\slash", "");
        CopyText.row(out, "second");
        assertEquals("plain\t\\N\ttab\\there\tline\\nbreak\\r\tback\\\\slash\t\nsecond\n", out.toString());
    }
}
