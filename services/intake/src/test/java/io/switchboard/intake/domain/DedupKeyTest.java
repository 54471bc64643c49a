package io.switchboard.intake.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DedupKeyTest {

    @Test
    void bothPartsAreTrimmed() {
        assertEquals(new DedupKey("pagerduty", "disk-full/host-7"), new DedupKey(" pagerduty\n", "\tdisk-full/host-7 "));
    }

    @Test
    void twoHundredFiftyFiveCharactersAreEnough() {
        String longest = "k".repeat(255);
        assertEquals(longest, new DedupKey("s", longest).key());
    }

    @Test
    void longerKeysAreRefused() {
        var error = assertThrows(InvalidFieldException.class, () -> new DedupKey("s", "k".repeat(256)));
        assertEquals("dedupKey", error.field());
        assertEquals("dedupKey: must be at most 255 characters", error.getMessage());
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        String fire = "\uD83D\uDD25";
        assertEquals(510, new DedupKey("s", fire.repeat(255)).key().length());
        assertThrows(InvalidFieldException.class, () -> new DedupKey("s", fire.repeat(256)));
    }

    @Test
    void aLongSourceIsNamed() {
        var error = assertThrows(InvalidFieldException.class, () -> new DedupKey("s".repeat(256), "k"));
        assertEquals("source", error.field());
    }

    @ParameterizedTest(name = "U+{1}")
    @MethodSource("keysWithControlCharacters")
    void controlCharactersAreRefused(String key, String codePoint) {
        var error = assertThrows(InvalidFieldException.class, () -> new DedupKey("s", key));
        assertEquals("dedupKey", error.field());
        assertEquals("contains the control character U+" + codePoint, error.problem());
    }

    static Stream<Arguments> keysWithControlCharacters() {
        return Stream.of(
                Arguments.of("disk\u0000full", "0000"),
                Arguments.of("disk\nfull", "000A"),
                Arguments.of("disk\tfull", "0009"),
                Arguments.of("disk\u007Ffull", "007F"),
                Arguments.of("disk\u0085full", "0085"),
                Arguments.of("disk-full\u0001", "0001"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void blankIsRefused(String key) {
        var error = assertThrows(InvalidFieldException.class, () -> new DedupKey("s", key));
        assertEquals("dedupKey: must not be blank", error.getMessage());
    }

    @Test
    void missingIsRefused() {
        assertEquals("source: must not be blank", assertThrows(InvalidFieldException.class, () -> new DedupKey(null, "k")).getMessage());
        assertEquals("dedupKey: must not be blank", assertThrows(InvalidFieldException.class, () -> new DedupKey("s", null)).getMessage());
    }

    @Test
    void anAlertsKeyComesFromItsFingerprint() {
        assertEquals("alertmanager:c6aa1ec8a6a8c2a8", DedupKey.forAlert(" c6aa1ec8a6a8c2a8 "));
    }

    @Test
    void anAlertsKeyFitsTheLimit() {
        assertEquals(255, DedupKey.forAlert("f".repeat(242)).length());
        var error = assertThrows(InvalidFieldException.class, () -> DedupKey.forAlert("f".repeat(243)));
        assertEquals("fingerprint: must be at most 242 characters", error.getMessage());
    }

    @Test
    void aBadFingerprintIsNamed() {
        assertEquals("fingerprint", assertThrows(InvalidFieldException.class, () -> DedupKey.forAlert("")).field());
        assertEquals("fingerprint", assertThrows(InvalidFieldException.class, () -> DedupKey.forAlert("ab\u0000")).field());
    }
}
