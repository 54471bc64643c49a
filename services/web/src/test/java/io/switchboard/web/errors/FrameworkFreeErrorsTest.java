package io.switchboard.web.errors;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Domain code may throw these, so they import nothing but the JDK. */
class FrameworkFreeErrorsTest {

    @Test
    void theErrorsPackageImportsOnlyTheJdk() throws IOException {
        Path dir = Path.of("src/main/java/io/switchboard/web/errors");
        List<String> offending;
        List<Path> sources;
        try (Stream<Path> files = Files.list(dir)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertFalse(sources.isEmpty(), "sources found under " + dir.toAbsolutePath());
        offending = sources.stream().flatMap(FrameworkFreeErrorsTest::lines)
                .filter(line -> line.startsWith("import ") && !line.startsWith("import java."))
                .toList();
        assertEquals(List.of(), offending);
    }

    @Test
    void eachErrorIsAPlainRuntimeException() {
        for (Class<?> type : List.of(InvalidInputException.class, ResourceNotFoundException.class, ConflictException.class,
                StateTransitionException.class, RuleViolationException.class, NotPermittedException.class,
                ServiceOverloadedException.class)) {
            assertEquals(RuntimeException.class, type.getSuperclass(), type.getName());
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::trim);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
