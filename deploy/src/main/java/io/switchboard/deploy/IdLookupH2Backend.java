package io.switchboard.deploy;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.stream.Stream;

/**
 * The stand-in's H2 backend, with one thing a real MongoDB's query planner does and mongo-java-server does not: a
 * query that pins {@code _id} to one value reads that one document instead of the whole collection. mongo-java-server
 * uses an index only when the query's top-level fields are exactly the index's ({@code {_id: x}}), so every guarded
 * update of the MongoDB outbox ({@code {$and: [{_id: x}, {processedEventIds: {$ne: id}}]}}) scanned and decoded the
 * whole collection: each event cost time in proportion to the documents stored. The document found is still matched
 * against the whole query, so the answers are the same; only string and ObjectId ids are looked up (the H2 map's key
 * is the id itself; a number could be stored as another type and is left to the scan).
 */
final class IdLookupH2Backend extends H2Backend {

    IdLookupH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    /** The value a query requires {@code _id} to equal, top-level or in a conjunct of its {@code $and}; else null. */
    static Object pinnedId(Document query) {
        Object id = lookupKey(query.get("_id"));
        if (id != null || !(query.get("$and") instanceof List<?> conjuncts)) {
            return id;
        }
        for (Object conjunct : conjuncts) {
            if (conjunct instanceof Document part && (id = pinnedId(part)) != null) {
                return id;
            }
        }
        return null;
    }

    private static Object lookupKey(Object value) {
        return value instanceof String || value instanceof ObjectId ? value : null;
    }

    /** Inner, not static: H2Database's constructor opens collections before a field of this class would be set. */
    private final class Database extends H2Database {

        Database(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // The map names H2Database gives a collection, so that existing data files open as before.
            String namespace = getFullCollectionNamespace(collectionName);
            MVStore store = getMvStore();
            return new Collection(this, collectionName, options, store.openMap("databases." + namespace),
                    store.openMap("meta." + namespace), cursorRegistry);
        }
    }

    private static final class Collection extends H2Collection {

        Collection(MongoDatabase database, String name, CollectionOptions options,
                   org.h2.mvstore.MVMap<Object, Document> data, org.h2.mvstore.MVMap<String, Object> meta,
                   CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
        }

        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
                                             int batchSize, Document fieldSelector) {
            Object id = pinnedId(query);
            if (id == null) {
                return super.matchDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
            }
            Document document = getDocument(id);
            return matchDocumentsFromStream(document == null ? Stream.empty() : Stream.of(document), query, orderBy,
                    numberToSkip, numberToReturn, batchSize, fieldSelector);
        }
    }
}
