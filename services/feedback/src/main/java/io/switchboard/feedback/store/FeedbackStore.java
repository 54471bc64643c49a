package io.switchboard.feedback.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's collections and their indexes (created at start; creating an existing index is a no-op). Every
 * write is one single-document update through the kit's {@code MongoOutbox}; no multi-document transaction.
 *
 * <ul>
 *   <li>{@code surveys}: one document per resolution of a ticket (a "contact"): the survey, its response, the
 *   quality review and the metric counters; it publishes the service's events.</li>
 *   <li>{@code tickets}: what the tickets and routing topics say about a ticket (customer, category, channel,
 *   opening time, call id, assigned agent), for the heat map, the customer report and the surveys.</li>
 *   <li>{@code sla_outcomes}: one document per stopped SLA clock; {@code major_incidents}; {@code credits}.</li>
 * </ul>
 */
@ApplicationScoped
public class FeedbackStore {

    public static final String SURVEYS = "surveys";
    public static final String TICKETS = "tickets";
    public static final String SLA_OUTCOMES = "sla_outcomes";
    public static final String MAJOR_INCIDENTS = "major_incidents";
    public static final String CREDITS = "credits";

    private final MongoDatabase database;

    FeedbackStore(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.database = client.getDatabase(database);
    }

    void createIndexes(@Observes StartupEvent event) {
        // One survey per resolution (the _id is derived from the same pair; the index says it in the schema too),
        // one credential per survey.
        surveys().createIndex(Indexes.ascending("ticketId", "resolvedAt"), new IndexOptions().unique(true).name("one_survey_per_resolution"));
        surveys().createIndex(Indexes.ascending("token"), new IndexOptions().unique(true).name("survey_token"));
        surveys().createIndex(Indexes.ascending("callId"), new IndexOptions().name("survey_call"));
        // Metrics and the quality draw select by resolution time, then group.
        surveys().createIndex(Indexes.ascending("resolvedAt"), new IndexOptions().name("survey_resolved_at"));
        surveys().createIndex(Indexes.ascending("customerId", "resolvedAt"), new IndexOptions().name("survey_customer_month"));
        surveys().createIndex(Indexes.ascending("quality.period", "quality.status"), new IndexOptions().name("review_period"));
        tickets().createIndex(Indexes.ascending("openedAt"), new IndexOptions().name("ticket_opened_at"));
        tickets().createIndex(Indexes.ascending("customerId", "openedAt"), new IndexOptions().name("ticket_customer_month"));
        slaOutcomes().createIndex(Indexes.ascending("stoppedAt"), new IndexOptions().name("sla_stopped_at"));
        slaOutcomes().createIndex(Indexes.ascending("customerId", "stoppedAt"), new IndexOptions().name("sla_customer_month"));
        majorIncidents().createIndex(Indexes.ascending("declaredAt"), new IndexOptions().name("incident_declared_at"));
        credits().createIndex(Indexes.ascending("customerId", "billingMonth"), new IndexOptions().name("credit_customer_month"));
    }

    public MongoCollection<Document> surveys() {
        return database.getCollection(SURVEYS);
    }

    public MongoCollection<Document> tickets() {
        return database.getCollection(TICKETS);
    }

    public MongoCollection<Document> slaOutcomes() {
        return database.getCollection(SLA_OUTCOMES);
    }

    public MongoCollection<Document> majorIncidents() {
        return database.getCollection(MAJOR_INCIDENTS);
    }

    public MongoCollection<Document> credits() {
        return database.getCollection(CREDITS);
    }
}
