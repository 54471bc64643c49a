package io.switchboard.testkit;

import io.switchboard.contracts.Topic;
import io.switchboard.deploy.StackSetup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local registry holds released schemas to the global BACKWARD rule and lets an unreleased
 * topic's draft change: its artifact carries a COMPATIBILITY rule NONE of its own, which
 * {@link StackSetup#registerSchemas} sets, and removes again once the topic is released.
 */
class SchemaDraftRuleTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void register() throws Exception {
        LocalStack.ensureUp();
        // Start from the wrong state for every artifact, so that only registerSchemas can put it right.
        for (Topic topic : Topic.values()) {
            String rules = LocalStack.registryUrl() + "/groups/default/artifacts/" + topic.valueSubject() + "/rules";
            if (topic.released()) {
                send("POST", rules, "{\"ruleType\":\"COMPATIBILITY\",\"config\":\"NONE\"}");
            } else {
                send("DELETE", rules + "/COMPATIBILITY", null);
            }
        }
        StackSetup.registerSchemas(new StackSetup.Target(null, null, null,
                LocalStack.bootstrapServers(), LocalStack.registryUrl()));
    }

    @Test
    void everyTopicsArtifactCarriesTheRuleItsReleaseStateCallsFor() throws Exception {
        for (Topic topic : Topic.values()) {
            HttpResponse<String> rules = get("/groups/default/artifacts/" + topic.valueSubject() + "/rules");
            assertEquals(200, rules.statusCode(), topic + ": " + rules.body());
            if (topic.released()) {
                assertEquals("[]", rules.body().replace(" ", ""), topic + " is held by the global rule only");
            } else {
                assertTrue(rules.body().contains("COMPATIBILITY"), topic + " is a draft: " + rules.body());
                HttpResponse<String> rule = get("/groups/default/artifacts/" + topic.valueSubject() + "/rules/COMPATIBILITY");
                assertTrue(rule.body().contains("\"NONE\""), topic + ": " + rule.body());
            }
        }
        HttpResponse<String> global = get("/admin/rules/COMPATIBILITY");
        assertTrue(global.body().contains("\"BACKWARD\""), global.body());
    }

    private static void send(String method, String url, String body) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.discarding());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(LocalStack.registryUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
