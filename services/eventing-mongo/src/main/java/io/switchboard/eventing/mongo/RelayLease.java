package io.switchboard.eventing.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A lease that lets one relay per database send at a time: one document in {@code relay_lease}
 * with the holder and an expiry, taken or renewed with one atomic conditional upsert ("mine or
 * expired"). A second instance's upsert finds the document held, tries to insert it, and fails on
 * the unique {@code _id}: it does not hold the lease.
 *
 * <p>It is a lease, not a lock: a holder that stalls longer than the lease (a long GC pause, a
 * frozen VM) may overlap with the next holder. The overlap can only re-send events (pulls are by
 * event id), which consumers drop by event id. Instances' clocks must agree to well within the
 * lease duration, since each compares the expiry with its own clock.
 */
public final class RelayLease {

    public static final String COLLECTION = "relay_lease";
    static final String OWNER = "owner";
    static final String EXPIRES_AT = "expiresAt";

    private final MongoCollection<Document> leases;
    private final String name;
    private final String owner;
    private final Duration duration;
    private final Clock clock;
    private volatile Instant heldUntil = Instant.MIN;

    public RelayLease(MongoDatabase database, String name, String owner, Duration duration, Clock clock) {
        this.leases = database.getCollection(COLLECTION);
        this.name = name;
        this.owner = owner;
        this.duration = duration;
        this.clock = clock;
    }

    /** Takes the lease, or renews it if this owner holds it; true when this owner now holds it. */
    public boolean acquire() {
        Instant now = clock.instant();
        Instant until = now.plus(duration);
        try {
            Document lease = leases.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", name),
                            Filters.or(Filters.eq(OWNER, owner), Filters.lt(EXPIRES_AT, Date.from(now)))),
                    Updates.combine(Updates.set(OWNER, owner), Updates.set(EXPIRES_AT, Date.from(until))),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            boolean mine = lease != null && owner.equals(lease.getString(OWNER));
            heldUntil = mine ? until : Instant.MIN;
            return mine;
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != 11000) {
                throw e;
            }
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        heldUntil = Instant.MIN;
        return false; // held by another owner and not expired
    }

    /** Whether this owner held the lease at its last acquire and it has not expired by its own clock. */
    public boolean isHeld() {
        return clock.instant().isBefore(heldUntil);
    }

    /** Gives the lease up (expires it now), so that another instance can take it at once. */
    public void release() {
        heldUntil = Instant.MIN;
        leases.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq(OWNER, owner)),
                Updates.set(EXPIRES_AT, Date.from(clock.instant())));
    }

    public String owner() {
        return owner;
    }
}
