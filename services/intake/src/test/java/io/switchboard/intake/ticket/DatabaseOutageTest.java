package io.switchboard.intake.ticket;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.testkit.DatabaseProxy;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While intake's database is unreachable, opening a ticket answers at once with a 503
 * problem+json and Retry-After, and writes nothing: once the database is back, the same request
 * with the same Idempotency-Key opens the ticket (201, not a replay), exactly once.
 */
@QuarkusTest
@TestProfile(DatabaseOutageProfile.class)
@QuarkusTestResource(LocalStackResource.class)
class DatabaseOutageTest {

    @Inject
    MeterRegistry registry;

    @Test
    void aTicketRequestDuringADatabaseOutageIsAQuick503AndLeavesNothingBehind() {
        DatabaseProxy proxy = DatabaseOutageProfile.proxy();
        String customerId = "db-outage-" + UUID.randomUUID();
        post(customerId, "before the outage", UUID.randomUUID().toString()).then().statusCode(201);

        String key = UUID.randomUUID().toString();
        proxy.cut();
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                long started = System.nanoTime();
                Response refused = post(customerId, "during the outage", key);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                refused.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                        .body("title", is("Service unavailable")).body("detail", containsString("database"));
                assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "a 503 within 3 s, took " + took);
            }
            // Once an outage is seen, requests are refused without waiting for the pool: of ten quick ones
            // at most one per probe interval (1 s) tries the database.
            double before = refusedAtOnce();
            for (int attempt = 0; attempt < 10; attempt++) {
                post(customerId, "during the outage", UUID.randomUUID().toString()).then().statusCode(503)
                        .header("Retry-After", "1").body("detail", containsString("database"));
            }
            assertTrue(refusedAtOnce() - before >= 8, "refused at once: " + (refusedAtOnce() - before) + " of 10");
        } finally {
            proxy.restore();
        }

        // The pool reconnects; the first success of the same request opens the ticket: nothing was half-written.
        Response opened = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> post(customerId, "during the outage", key), response -> response.statusCode() != 503);
        assertEquals(201, opened.statusCode(), opened.asString());
        assertNull(opened.getHeader("Idempotent-Replayed"));
        post(customerId, "during the outage", key).then().statusCode(200).header("Idempotent-Replayed", "true")
                .body("id", is(opened.<String>path("id")));
        given().auth().oauth2(Tokens.agent("agent-1")).queryParam("customerId", customerId).get("/api/v1/tickets")
                .then().statusCode(200).body("total", is(2));
    }

    private double refusedAtOnce() {
        return registry.counter("switchboard.intake.writer.refused", "reason", "database-unavailable").count();
    }

    private static Response post(String customerId, String summary, String key) {
        Map<String, Object> body = new HashMap<>(Map.of("customerId", customerId, "summary", summary,
                "impact", "MINOR", "urgency", "LOW", "category", "technical.ecs"));
        return given().auth().oauth2(Tokens.agent("agent-1")).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/api/v1/tickets");
    }
}
