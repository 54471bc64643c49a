package io.switchboard.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Which stack the tests run against, from {@code SWITCHBOARD_STACK}: {@code local} (the default) or
 * {@code containers}. Plain logic with the Docker probe passed in, so that it is tested without
 * Docker and without loading Testcontainers.
 */
final class StackChoice {

    static final String VARIABLE = "SWITCHBOARD_STACK";

    enum Kind {
        /** The local stack of deploy/stack.sh, found or started. */
        LOCAL("local"),
        /** A Testcontainers stack, one per test JVM. */
        CONTAINERS("containers");

        final String value;

        Kind(String value) {
            this.value = value;
        }
    }

    /** What a probe found: whether a Docker engine answers, and if not, what was found instead. */
    record DockerStatus(boolean available, String detail) {

        static DockerStatus answers(String detail) {
            return new DockerStatus(true, detail);
        }

        static DockerStatus none(String detail) {
            return new DockerStatus(false, detail);
        }
    }

    /** The stack to use, and the warning to log once when it is not the one asked for. */
    record Decision(Kind kind, Optional<String> warning) {
    }

    /**
     * The stack {@code value} asks for: blank or unset is {@code local}; case and surrounding
     * blanks do not matter.
     *
     * @throws IllegalStateException for any other value, naming the allowed ones
     */
    static Kind parse(String value) {
        if (value == null || value.isBlank()) {
            return Kind.LOCAL;
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (Kind kind : Kind.values()) {
            if (kind.value.equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalStateException(VARIABLE + "=" + value + " is not a stack the testkit knows; allowed: "
                + Arrays.stream(Kind.values()).map(kind -> kind.value).collect(Collectors.joining(", "))
                + " (unset means local)");
    }

    /**
     * The stack to use for {@code value}. {@code docker} is asked only when containers are asked
     * for; when no engine answers (or the probe fails), the local stack is used, with a warning.
     */
    static Decision decide(String value, Supplier<DockerStatus> docker) {
        if (parse(value) == Kind.LOCAL) {
            return new Decision(Kind.LOCAL, Optional.empty());
        }
        DockerStatus status;
        try {
            status = docker.get();
        } catch (RuntimeException | LinkageError e) {
            status = DockerStatus.none("the Docker probe failed: " + e);
        }
        if (status.available()) {
            return new Decision(Kind.CONTAINERS, Optional.empty());
        }
        return new Decision(Kind.LOCAL, Optional.of(VARIABLE + "=containers, but no Docker engine answers ("
                + status.detail() + "): using the local stack"));
    }

    private StackChoice() {
    }
}
