package io.switchboard.feedback;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testkit.LocalStackResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/** The feedback service starts against the real local stack and reports itself ready. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class FeedbackServiceTest {

    @Test
    void readyWithItsDatastoreAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("MongoDB connection health check", "Kafka connection health check"));
    }

    @Test
    void liveAndDescribed() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("Switchboard feedback"));
    }
}
