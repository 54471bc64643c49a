package io.switchboard.compensation.audit;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersion7UuidsThatSortByTheirMillisecond() throws Exception {
        String first = TimeOrderedIds.next();
        Thread.sleep(2);
        String later = TimeOrderedIds.next();
        assertTrue(first.compareTo(later) < 0, first + " before " + later);
        UUID uuid = UUID.fromString(first);
        assertEquals(7, uuid.version());
        assertEquals(2, uuid.variant());
        long before = System.currentTimeMillis();
        long stamped = UUID.fromString(TimeOrderedIds.next()).getMostSignificantBits() >>> 16;
        assertTrue(Math.abs(stamped - before) < 1_000, "milliseconds since the epoch first");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TimeOrderedIds.next());
        }
        assertEquals(10_000, ids.size(), "unique within a millisecond");
    }
}
