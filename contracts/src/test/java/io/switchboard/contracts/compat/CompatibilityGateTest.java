package io.switchboard.contracts.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contracts.Topic;
import io.switchboard.contracts.compat.CompatibilityGate.Incompatibility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompatibilityGateTest {

    private static final String RELEASED = """
            {"type": "record", "name": "Ticket", "namespace": "test", "fields": [
              {"name": "ticketId", "type": "string"},
              {"name": "summary", "type": "string"},
              {"name": "note", "type": ["null", "string"], "default": null}
            ]}""";

    @Test
    void rejectsRemovingAFieldThatHasNoDefault() {
        List<Incompatibility> problems = check("""
                {"type": "record", "name": "Ticket", "namespace": "test", "fields": [
                  {"name": "ticketId", "type": "string"},
                  {"name": "note", "type": ["null", "string"], "default": null}
                ]}""");

        assertEquals(1, problems.size(), problems.toString());
        assertEquals("Ticket.summary", problems.get(0).path());
        assertTrue(problems.get(0).reason().contains("'summary' was removed"), problems.get(0).reason());
    }

    @Test
    void acceptsRemovingAFieldThatHasADefault() {
        assertEquals(List.of(), check("""
                {"type": "record", "name": "Ticket", "namespace": "test", "fields": [
                  {"name": "ticketId", "type": "string"},
                  {"name": "summary", "type": "string"}
                ]}"""));
    }

    @Test
    void rejectsChangingAFieldsType() {
        List<Incompatibility> problems = check("""
                {"type": "record", "name": "Ticket", "namespace": "test", "fields": [
                  {"name": "ticketId", "type": "string"},
                  {"name": "summary", "type": "int"},
                  {"name": "note", "type": ["null", "string"], "default": null}
                ]}""");

        assertEquals(1, problems.size(), problems.toString());
        assertEquals("Ticket.summary: type changed from string to int;"
                + " records written with the released schema cannot be read", problems.get(0).toString());
    }

    @Test
    void rejectsAddingAFieldWithoutDefault() {
        List<Incompatibility> problems = check("""
                {"type": "record", "name": "Ticket", "namespace": "test", "fields": [
                  {"name": "ticketId", "type": "string"},
                  {"name": "summary", "type": "string"},
                  {"name": "note", "type": ["null", "string"], "default": null},
                  {"name": "region", "type": "string"}
                ]}""");

        assertEquals(1, problems.size(), problems.toString());
        assertEquals("Ticket.region", problems.get(0).path());
        assertTrue(problems.get(0).reason().startsWith("field 'region' was added without a default"),
                problems.get(0).reason());
    }

    @Test
    void acceptsAddingAnOptionalFieldThatDefaultsToNull() {
        assertEquals(List.of(), check("""
                {"type": "record", "name": "Ticket", "namespace": "test", "fields": [
                  {"name": "ticketId", "type": "string"},
                  {"name": "summary", "type": "string"},
                  {"name": "note", "type": ["null", "string"], "default": null},
                  {"name": "region", "type": ["null", "string"], "default": null}
                ]}"""));
    }

    @Test
    void namesTheEventRecordInsideThePayloadUnion() {
        Schema released = envelope("""
                {"type": "record", "name": "TicketOpened", "fields": [{"name": "summary", "type": "string"}]}""");
        Schema candidate = envelope("""
                {"type": "record", "name": "TicketOpened", "fields": [{"name": "summary", "type": "long"}]}""");

        List<Incompatibility> problems = CompatibilityGate.check(candidate, released);

        assertEquals(1, problems.size(), problems.toString());
        assertEquals("TicketEvent.payload[TicketOpened].summary", problems.get(0).path());
    }

    @Test
    void acceptsANewEventTypeInThePayloadUnion() {
        Schema released = envelope("""
                {"type": "record", "name": "TicketOpened", "fields": [{"name": "summary", "type": "string"}]}""");
        Schema candidate = envelope("""
                {"type": "record", "name": "TicketOpened", "fields": [{"name": "summary", "type": "string"}]},
                {"type": "record", "name": "TicketMerged", "fields": [{"name": "into", "type": "string"}]}""");

        assertEquals(List.of(), CompatibilityGate.check(candidate, released));
    }

    @ParameterizedTest
    @EnumSource(Topic.class)
    void everyCurrentSchemaIsCompatibleWithItsReleasedFile(Topic topic) throws IOException {
        Path file = CompatibilityGate.releasedFile(Path.of("released"), topic);
        if (!topic.released()) {
            assertFalse(Files.exists(file), topic.topicName() + " is unreleased, yet has a released schema");
            return;
        }
        assertTrue(Files.exists(file), "no released schema for " + topic.topicName() + "; run the release command");

        Schema released = new Schema.Parser().parse(file.toFile());

        assertEquals(List.of(), CompatibilityGate.check(topic.valueSchema(), released));
    }

    @Test
    void mainNotesNewTopicsAndReleasesThem(@TempDir Path dir) {
        Run check = run("--released-dir", dir.toString());
        assertEquals(0, check.exitCode(), check.err());
        assertTrue(check.out().contains("NOTE support.tickets.v1: no released schema yet"), check.out());

        Run release = run("--released-dir", dir.toString(), "--release");
        assertEquals(0, release.exitCode(), release.err());
        assertTrue(Files.exists(dir.resolve("support.tickets.v1-value.avsc")));

        Run again = run("--released-dir", dir.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("passed"), again.out());
    }

    @Test
    void anUnreleasedTopicIsReportedAndNeverReleased(@TempDir Path dir) {
        Predicate<Topic> routingUnreleased = topic -> topic != Topic.ROUTING;
        Run release = runWith(routingUnreleased, "--released-dir", dir.toString(), "--release");
        assertEquals(0, release.exitCode(), release.err());
        assertTrue(release.out().contains("UNRELEASED support.routing.v1: its producer routing has not shipped"), release.out());
        assertFalse(Files.exists(dir.resolve("support.routing.v1-value.avsc")), "an unreleased topic was released");
        assertTrue(Files.exists(dir.resolve("support.tickets.v1-value.avsc")));

        Run check = runWith(routingUnreleased, "--released-dir", dir.toString());
        assertEquals(0, check.exitCode(), check.err());
        assertTrue(check.out().contains("1 unreleased"), check.out());
    }

    @Test
    void aReleasedFileForAnUnreleasedTopicFailsTheGate(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("support.feedback.v1-value.avsc"), Topic.FEEDBACK.valueSchema().toString(true));

        Run check = runWith(topic -> topic != Topic.FEEDBACK, "--released-dir", dir.toString());

        assertEquals(1, check.exitCode());
        assertTrue(check.err().contains("support.feedback.v1"), check.err());
        assertTrue(check.err().contains("marks the topic unreleased"), check.err());
    }

    @Test
    void mainFailsNamingTheTopicAndTheFieldAndReleasesNothing(@TempDir Path dir) throws IOException {
        assertEquals(0, run("--released-dir", dir.toString(), "--release").exitCode());
        Path ticketsFile = dir.resolve("support.tickets.v1-value.avsc");
        // As if the current TicketOpened had dropped a required field that the release has.
        String released = Files.readString(ticketsFile).replaceFirst(
                "\"name\" : \"ticketId\",",
                "\"name\" : \"legacyQueue\", \"type\" : \"string\", \"doc\" : \"gone\"}, {\"name\" : \"ticketId\",");
        Files.writeString(ticketsFile, released);

        Run check = run("--released-dir", dir.toString(), "--release");

        assertEquals(1, check.exitCode());
        assertTrue(check.err().contains("support.tickets.v1 (TicketEvent"), check.err());
        assertTrue(check.err().contains("TicketEvent.payload[TicketOpened].legacyQueue: field 'legacyQueue' was removed"),
                check.err());
        assertTrue(check.err().contains("Nothing was released."), check.err());
        assertEquals(released, Files.readString(ticketsFile));
    }

    private static List<Incompatibility> check(String candidate) {
        return CompatibilityGate.check(new Schema.Parser().parse(candidate), new Schema.Parser().parse(RELEASED));
    }

    private static Schema envelope(String events) {
        return new Schema.Parser().parse("""
                {"type": "record", "name": "TicketEvent", "namespace": "test", "fields": [
                  {"name": "eventId", "type": "string"},
                  {"name": "payload", "type": [%s]}
                ]}""".formatted(events));
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        return runWith(Topic::released, args);
    }

    /** The gate as if only the topics {@code isReleased} accepts had shipped (the catalog's own flags aside). */
    private static Run runWith(Predicate<Topic> isReleased, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exitCode = CompatibilityGate.run(args, isReleased, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
