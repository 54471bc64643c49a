package io.switchboard.compensation.audit;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Row ids that sort by creation time (the layout of a version-7 UUID: milliseconds since the epoch first, then
 * random bits). A settlement inserts hundreds of thousands of audit records and credits; random ids would spread
 * them over every page of the primary-key index, and each page touched after a checkpoint costs a full page in the
 * write-ahead log. Time-ordered ids land on the index's last pages.
 */
public final class TimeOrderedIds {

    public static String next() {
        long millis = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    private TimeOrderedIds() {
    }
}
