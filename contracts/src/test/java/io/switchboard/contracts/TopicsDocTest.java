package io.switchboard.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/topics.md shows the same catalog as {@link Topic}; this keeps the two from drifting apart. */
class TopicsDocTest {

    private static final Path TOPICS_DOC = Path.of("..", "docs", "topics.md");

    @Test
    void catalogTableMatchesTheCode() throws IOException {
        assumeTrue(Files.exists(TOPICS_DOC), "docs/topics.md is not next to this module");

        List<String> documented = Files.readAllLines(TOPICS_DOC).stream()
                .filter(line -> line.startsWith("| `support."))
                .toList();
        List<String> expected = Arrays.stream(Topic.values()).map(TopicsDocTest::row).toList();

        assertEquals(String.join("\n", expected), String.join("\n", documented),
                "the catalog table in docs/topics.md must match the Topic enum");
    }

    private static String row(Topic topic) {
        String envelope = topic.valueSchema().getName();
        String stream = topic.valueSchema().getNamespace().substring("io.switchboard.contracts.".length());
        return "| `%s` | %s | [`%s`](../contracts/src/main/avro/%s/%s.avsc) | %s | %s | %d | `%s` | %s | %s |".formatted(
                topic.topicName(), topic.key(), envelope, stream, envelope, String.join(", ", topic.eventTypes()),
                topic.producer(), topic.partitions(), topic.deadLetterTopicName(),
                topic.audience() == Topic.Audience.PARTNER ? "partner-facing" : "internal",
                topic.released() ? "released" : "unreleased");
    }
}
