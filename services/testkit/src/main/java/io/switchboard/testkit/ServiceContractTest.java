package io.switchboard.testkit;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/**
 * What every Switchboard service promises operators: live, ready with its datastore and Kafka,
 * Prometheus metrics and an OpenAPI description. A service's test extends this and is annotated
 * {@code @QuarkusTest @QuarkusTestResource(LocalStackResource.class)}.
 */
public abstract class ServiceContractTest {

    /** The service's name, as in its OpenAPI title "Switchboard &lt;name&gt;". */
    protected abstract String serviceName();

    /** The readiness check of its datastore. */
    protected String datastoreCheck() {
        return "Database connections health check";
    }

    /** Whether it relays an outbox (then its backlog is a metric). */
    protected boolean hasOutbox() {
        return true;
    }

    @Test
    void readyWithItsDatastoreAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems(datastoreCheck(), "Kafka connection health check"));
    }

    @Test
    void liveAndDescribed() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("Switchboard " + serviceName()));
    }

    @Test
    void servesPrometheusMetrics() {
        var metrics = given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        if (hasOutbox()) {
            metrics.body(containsString("switchboard_outbox_backlog"));
        }
    }
}
