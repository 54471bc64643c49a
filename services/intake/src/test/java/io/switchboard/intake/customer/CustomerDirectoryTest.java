package io.switchboard.intake.customer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.testkit.LocalStackResource;
import io.switchboard.testkit.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The customer tier directory under concurrent writers, and its time zones. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class CustomerDirectoryTest {

    private static List<Response> inParallel(List<Callable<Response>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Response>> gated = requests.stream().<Callable<Response>>map(request -> () -> {
            start.await();
            return request.call();
        }).toList();
        List<Future<Response>> futures = new ArrayList<>();
        for (Callable<Response> request : gated) {
            futures.add(pool.submit(request));
        }
        start.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> future : futures) {
            responses.add(future.get());
        }
        pool.shutdown();
        return responses;
    }

    private static String number() {
        return "+86" + (10_000_000_000L + (long) (Math.random() * 1e9));
    }

    @Test
    void concurrentPutsOfOneNewIdCreateItOnceAndUpdateIt() throws Exception {
        for (int round = 0; round < 3; round++) {
            String id = "cust-" + UUID.randomUUID().toString().substring(0, 8);
            String number = number();
            List<Callable<Response>> puts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                puts.add(() -> given().auth().oauth2(Tokens.operator("ops-1")).contentType(ContentType.JSON)
                        .body(Map.of("tier", "VIP", "language", "zh", "callerNumbers", List.of(number)))
                        .put("/api/v1/customers/" + id));
            }
            List<Integer> statuses = inParallel(puts).stream().map(Response::statusCode).toList();
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "created once: " + statuses);
            assertEquals(7, statuses.stream().filter(s -> s == 200).count(), "then updated: " + statuses);
            given().auth().oauth2(Tokens.operator("ops-1")).get("/api/v1/customers/" + id).then().statusCode(200).body("callerNumbers", org.hamcrest.Matchers.contains(number));
        }
    }

    @Test
    void twoCustomersClaimingOneNumberAtOnceGetOneOwnerAndAConflict() throws Exception {
        for (int round = 0; round < 3; round++) {
            String number = number();
            String a = "cust-" + UUID.randomUUID().toString().substring(0, 8);
            String b = "cust-" + UUID.randomUUID().toString().substring(0, 8);
            List<Response> responses = inParallel(List.of(
                    () -> given().auth().oauth2(Tokens.operator("ops-1")).contentType(ContentType.JSON).body(Map.of("tier", "VIP", "language", "zh",
                            "callerNumbers", List.of(number))).put("/api/v1/customers/" + a),
                    () -> given().auth().oauth2(Tokens.operator("ops-1")).contentType(ContentType.JSON).body(Map.of("tier", "STANDARD", "language", "en",
                            "callerNumbers", List.of(number))).put("/api/v1/customers/" + b)));
            List<Integer> statuses = responses.stream().map(Response::statusCode).sorted().toList();
            assertEquals(List.of(201, 409), statuses, responses.get(0).asString() + " / " + responses.get(1).asString());
            Response conflict = responses.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
            assertEquals("application/problem+json", conflict.contentType());
            assertEquals("callerNumbers", conflict.path("errors[0].field"));
            String owner = responses.get(0).statusCode() == 201 ? a : b;
            String loser = owner.equals(a) ? b : a;
            assertTrue(conflict.<String>path("detail").contains(owner), conflict.asString());
            given().auth().oauth2(Tokens.operator("ops-1")).get("/api/v1/customers/" + loser).then().statusCode(404);
        }
    }

    @Test
    void aTimeZoneIsAnIanaZoneId() {
        String id = "cust-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Tokens.operator("ops-1")).contentType(ContentType.JSON).body(Map.of("tier", "VIP", "language", "zh", "timeZone", "Mars/Olympus_Mons"))
                .put("/api/v1/customers/" + id).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("timeZone")).body("errors[0].message", containsString("IANA"));
        given().auth().oauth2(Tokens.operator("ops-1")).contentType(ContentType.JSON).body(Map.of("tier", "VIP", "language", "zh", "timeZone", "Europe/Istanbul"))
                .put("/api/v1/customers/" + id).then().statusCode(201).body("timeZone", is("Europe/Istanbul"));
    }
}
