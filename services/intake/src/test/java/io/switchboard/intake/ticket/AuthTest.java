package io.switchboard.intake.ticket;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.web.security.CachingTokenParser;
import jakarta.inject.Inject;
import io.switchboard.testkit.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** Who may call: bearer tokens checked for signature, issuer, audience and expiry; roles; own data only for customers. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class AuthTest {

    @Inject
    JWTParser parser;

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static String openTicket(String customerId) {
        return as(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(TicketApiTest.ticket(customerId))
                .post("/api/v1/tickets").then().statusCode(201).extract().path("id");
    }

    private static void refused401(RequestSpecification request) {
        request.get("/api/v1/tickets").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer error=\"invalid_token\""))
                .contentType("application/problem+json")
                .body("status", is(401)).body("title", is("Unauthorized"));
    }

    @Test
    void noTokenIsA401ProblemWithABearerChallenge() {
        given().get("/api/v1/tickets").then().statusCode(401).header("WWW-Authenticate", is("Bearer"))
                .contentType("application/problem+json").body("status", is(401)).body("title", is("Unauthorized"));
        given().contentType(ContentType.JSON).body(Map.of("version", "4", "alerts", List.of()))
                .post("/api/v1/events/alertmanager").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void anExpiredTokenIsRefused() {
        refused401(as(Tokens.token().subject("agent-1").roles("agent").expired(Duration.ofMinutes(5)).sign()));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        refused401(as(Tokens.token().subject("agent-1").roles("agent").audience("someone-else").sign()));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        refused401(as(Tokens.token().subject("agent-1").roles("agent").issuer("https://evil.example/issuer").sign()));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        refused401(as(Tokens.token().subject("agent-1").roles("agent").unsigned()));
    }

    @Test
    void aTamperedOrForeignSignatureIsRefused() {
        refused401(as(Tokens.tampered(Tokens.agent("agent-1"))));
        refused401(as(Tokens.token().subject("agent-1").roles("agent").signWithAnotherKey()));
        refused401(as("not-a-jwt"));
    }

    @Test
    void aTokenVerifiedOnceIsReusedOnlyAsItIs() {
        assertInstanceOf(CachingTokenParser.class, parser, "requests authenticate through the kit's token cache");
        String token = Tokens.agent("agent-cached");
        as(token).get("/api/v1/tickets").then().statusCode(200);
        as(token).get("/api/v1/tickets").then().statusCode(200);
        // the same token altered after it was accepted is verified afresh, and refused
        refused401(as(Tokens.tampered(token)));
        refused401(as(token + "x"));
        as(token).get("/api/v1/tickets").then().statusCode(200);
    }

    @Test
    void aValidTokenWithoutTheRoleIsA403Problem() {
        as(Tokens.agent("agent-1")).contentType(ContentType.JSON).body(Map.of("tier", "VIP", "language", "en"))
                .put("/api/v1/customers/c-escalate-me").then().statusCode(403)
                .contentType("application/problem+json").body("title", is("Forbidden"));
        as(Tokens.partner("partner-1")).get("/api/v1/tickets").then().statusCode(403).contentType("application/problem+json");
        as(Tokens.customer("c-1", "user-1")).contentType(ContentType.JSON).body(Map.of("resolutionCode", "FIXED"))
                .post("/api/v1/tickets/TCK-any/resolve").then().statusCode(403);
    }

    @Test
    void anEndpointThatDeclaresNoRolesIsClosed() {
        given().get("/api/v1/test-only/undeclared").then().statusCode(401).contentType("application/problem+json");
        as(Tokens.supervisor("lead-1")).get("/api/v1/test-only/undeclared").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void healthMetricsAndPagerDutyTakeNoToken() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("bearer"));
        // The routing key is PagerDuty's credential: an unknown one is refused as PagerDuty would.
        given().contentType(ContentType.JSON).body(Map.of("routing_key", "not-a-key", "event_action", "trigger",
                "payload", Map.of("summary", "x", "source", "y", "severity", "info")))
                .post("/api/v1/events/pagerduty").then().statusCode(400);
    }

    @Test
    void aCustomerReadsItsOwnTicketsOnly() {
        String mine = TicketApiTest.customer("STANDARD");
        String theirs = TicketApiTest.customer("STANDARD");
        String myTicket = openTicket(mine);
        String theirTicket = openTicket(theirs);
        String me = Tokens.customer(mine, "user-of-" + mine);

        as(me).get("/api/v1/tickets/" + myTicket).then().statusCode(200).body("customerId", is(mine));
        as(me).get("/api/v1/tickets/" + theirTicket).then().statusCode(403)
                .contentType("application/problem+json").body("title", is("Forbidden"));
        as(me).queryParam("customerId", theirs).get("/api/v1/tickets").then().statusCode(403)
                .body("errors[0].field", is("customerId"));
        as(me).get("/api/v1/tickets").then().statusCode(200).body("items.customerId", everyItem(is(mine)));
        as(me).get("/api/v1/customers/" + theirs).then().statusCode(403);
        as(me).get("/api/v1/customers/" + mine).then().statusCode(200);
        as(me).contentType(ContentType.JSON).body(Map.of("reason", "RECURRENCE")).post("/api/v1/tickets/" + theirTicket + "/reopen")
                .then().statusCode(403);
        as(me).contentType(ContentType.JSON).body(Map.of("text", "hello?")).post("/api/v1/tickets/" + theirTicket + "/notes")
                .then().statusCode(403);
        // Opening one for another customer is refused, naming the field.
        as(me).contentType(ContentType.JSON).body(TicketApiTest.ticket(theirs)).post("/api/v1/tickets")
                .then().statusCode(403).body("errors[0].field", is("customerId"));
        as(me).contentType(ContentType.JSON).body(TicketApiTest.ticket(mine)).post("/api/v1/tickets").then().statusCode(201);
        // A customer token must say which customer.
        as(Tokens.token().subject("user-x").roles("customer").sign()).get("/api/v1/tickets/" + myTicket).then().statusCode(403);
    }

    @Test
    void aCustomerSeesPublicNotesButNotInternalOnes() {
        String customerId = TicketApiTest.customer("STANDARD");
        String id = openTicket(customerId);
        String path = "/api/v1/tickets/" + id;
        as(Tokens.agent("agent-1")).contentType(ContentType.JSON)
                .body(Map.of("visibility", "INTERNAL", "text", "customer is on an unsupported kernel"))
                .post(path + "/notes").then().statusCode(201);
        as(Tokens.agent("agent-1")).contentType(ContentType.JSON)
                .body(Map.of("visibility", "PUBLIC", "text", "we restarted the host"))
                .post(path + "/notes").then().statusCode(201);
        String customer = Tokens.customer(customerId, "user-1");
        as(customer).contentType(ContentType.JSON).body(Map.of("text", "any news?")).post(path + "/notes")
                .then().statusCode(201).body("history.detail", not(hasItem(containsString("kernel"))));
        as(Tokens.agent("agent-1")).get(path).then().statusCode(200)
                .body("history.detail", hasItems("customer is on an unsupported kernel", "any news?"));
        as(customer).get(path).then().statusCode(200)
                .body("history.kind", hasItems("opened", "customer-update"))
                .body("history.kind", not(hasItem("note")))
                .body("history.detail", hasItem("we restarted the host"))
                .body("history.detail", not(hasItem(containsString("kernel"))));
        // A customer cannot write internal notes or pose as an agent.
        as(customer).contentType(ContentType.JSON).body(Map.of("visibility", "INTERNAL", "text", "x")).post(path + "/notes")
                .then().statusCode(403).body("errors[0].field", is("visibility"));
        as(customer).contentType(ContentType.JSON).body(Map.of("role", "AGENT", "text", "x")).post(path + "/notes")
                .then().statusCode(403).body("errors[0].field", is("role"));
    }

    @Test
    void theActorIsTheTokensSubject() {
        String id = openTicket(TicketApiTest.customer("STANDARD"));
        String path = "/api/v1/tickets/" + id;
        // No actor in the body: the acknowledging agent is the token's subject.
        as(Tokens.agent("agent-7")).contentType(ContentType.JSON).body("{}").post(path + "/acknowledge").then().statusCode(200).body("status", is("ACKNOWLEDGED"));
        // A body naming someone else is refused, naming the field; nothing changes.
        as(Tokens.agent("agent-7")).contentType(ContentType.JSON).body(Map.of("status", "IN_PROGRESS", "actor", "agent-1"))
                .post(path + "/status").then().statusCode(403).contentType("application/problem+json")
                .body("errors[0].field", is("actor"));
        as(Tokens.supervisor("lead-3")).contentType(ContentType.JSON).body(Map.of("status", "IN_PROGRESS"))
                .post(path + "/status").then().statusCode(200);
        as(Tokens.agent("agent-7")).get(path).then()
                .body("history.find { it.kind == 'acknowledged' }.actor", is("agent-7"))
                .body("history.find { it.kind == 'status' }.actor", is("lead-3"))
                .body("history.findAll { it.kind == 'status' }.size()", is(1));
    }
}
