package io.switchboard.contracts.compat;

import io.switchboard.contracts.Topic;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * Keeps every topic's value schema compatible with its last released version, kept fully resolved in
 * {@code contracts/released/<topic>-value.avsc}.
 *
 * <p>The rule is BACKWARD (the new schema reads everything written with the released one), plus one
 * rule of FORWARD: a field without a default is never removed, because partners' consumers still on the
 * released schema could not read new records. Everything else that breaks needs a new {@code .v2} topic.
 *
 * <pre>
 * CompatibilityGate [--released-dir DIR] [--release]
 * </pre>
 * Without {@code --release} it checks and exits 1 on any incompatibility; with it, it also writes the
 * current schemas into the released directory, but only if all are compatible. A topic the catalog marks
 * unreleased ({@link Topic#released()}: its producer has not shipped) is reported, never checked and never
 * released; a released file for it is an error, so that a baseline cannot silently hold it back.
 */
public final class CompatibilityGate {

    /** One reason why a candidate schema cannot replace the released one. */
    public record Incompatibility(String path, String reason) {
        @Override
        public String toString() {
            return path + ": " + reason;
        }
    }

    private static final Path DEFAULT_RELEASED_DIR = Path.of("contracts", "released");

    private CompatibilityGate() {
    }

    /** Checks {@code candidate} against {@code released}; an empty list means compatible. */
    public static List<Incompatibility> check(Schema candidate, Schema released) {
        List<Incompatibility> found = new ArrayList<>();
        for (Found problem : find(candidate, released)) {
            found.add(new Incompatibility(problem.path(), reason(problem)));
        }
        // The reverse direction only for removed fields: other forward breaks, such as a new event type
        // in the payload union or a new enum symbol, are what evolution is for.
        for (Found problem : find(released, candidate)) {
            if (problem.type() == SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE) {
                found.add(new Incompatibility(problem.path(), "field '" + problem.incompatibility().getMessage()
                        + "' was removed but has no default in the released schema;"
                        + " consumers still on the released schema could not read new records"
                        + " (keep the field, or release it with a default first)"));
            }
        }
        // Avro memoizes checks per type pair, so a type used twice (e.g. Priority) reports one problem twice.
        return found.stream().distinct().toList();
    }

    /** An Avro incompatibility, located by field names; {@code writer} is the offending writer type. */
    private record Found(SchemaCompatibility.Incompatibility incompatibility, String path, Schema writer) {
        SchemaIncompatibilityType type() {
            return incompatibility.getType();
        }
    }

    private static List<Found> find(Schema reader, Schema writer) {
        List<Found> found = new ArrayList<>();
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        for (var problem : result.getIncompatibilities()) {
            String path = path(reader, problem.getLocation());
            Schema writerType = writerType(problem);
            Schema readerBranch = sameNamedBranch(problem.getReaderFragment(), writerType);
            List<Found> inside = readerBranch == null ? List.of() : find(readerBranch, writerType);
            if (inside.isEmpty()) {
                found.add(new Found(problem, path, writerType));
            } else {
                // Avro only says the union lacks the event record; report what changed inside the record instead.
                String prefix = path + "[" + readerBranch.getName() + "]";
                inside.forEach(f -> found.add(new Found(f.incompatibility(),
                        prefix + f.path().substring(readerBranch.getName().length()), f.writer())));
            }
        }
        return found;
    }

    /** The writer type at fault: for a union, the branch the location ends on. */
    private static Schema writerType(SchemaCompatibility.Incompatibility problem) {
        Schema writer = problem.getWriterFragment();
        if (writer.getType() == Schema.Type.UNION && endsInUnionBranch(problem)) {
            return writer.getTypes().get(Integer.parseInt(lastStep(problem)));
        }
        return writer;
    }

    /** Avro's location ends on a writer union's branch index when one branch is at fault. */
    private static boolean endsInUnionBranch(SchemaCompatibility.Incompatibility problem) {
        return isIndex(lastStep(problem));
    }

    private static String lastStep(SchemaCompatibility.Incompatibility problem) {
        String location = problem.getLocation();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static Schema sameNamedBranch(Schema reader, Schema writer) {
        if (reader.getType() != Schema.Type.UNION || !isNamed(writer)) {
            return null;
        }
        return reader.getTypes().stream()
                .filter(branch -> branch.getType() == writer.getType() && branch.getFullName().equals(writer.getFullName()))
                .findFirst().orElse(null);
    }

    private static String reason(Found found) {
        var problem = found.incompatibility();
        Schema reader = problem.getReaderFragment();
        return switch (problem.getType()) {
            case READER_FIELD_MISSING_DEFAULT_VALUE -> "field '" + problem.getMessage()
                    + "' was added without a default; records written with the released schema have no value for it"
                    + " (make it [\"null\", T] with \"default\": null, or give it a default)";
            case TYPE_MISMATCH -> "type changed from " + (endsInUnionBranch(problem) ? "a union with " : "")
                    + typeName(found.writer()) + " to " + typeName(reader)
                    + "; records written with the released schema cannot be read";
            case NAME_MISMATCH -> "name changed from " + found.writer().getFullName() + " to " + reader.getFullName()
                    + " (keep the name, or add the old one to \"aliases\")";
            case MISSING_ENUM_SYMBOLS -> "enum " + reader.getName() + " lost symbols " + problem.getMessage()
                    + " and has no default symbol";
            case MISSING_UNION_BRANCH -> "no longer accepts " + typeName(found.writer())
                    + ", which the released schema can write";
            case FIXED_SIZE_MISMATCH -> "fixed size changed: " + problem.getMessage();
            default -> problem.getMessage();
        };
    }

    private static String typeName(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getName();
            case UNION -> schema.getTypes().stream().map(CompatibilityGate::typeName).toList().toString();
            default -> schema.getType().getName();
        };
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }

    private static boolean isIndex(String step) {
        return !step.isEmpty() && step.chars().allMatch(Character::isDigit);
    }

    /**
     * Turns Avro's JSON-pointer location into field names, e.g. {@code /fields/1/type} into
     * {@code Ticket.summary}. Numeric steps index the writer's union, so they do not move in the reader.
     */
    static String path(Schema reader, String location) {
        StringBuilder path = new StringBuilder(reader.getName());
        Schema current = reader;
        String[] steps = location.split("/");
        for (int i = 1; i < steps.length; i++) {
            switch (steps[i]) {
                case "fields" -> {
                    if (i + 1 >= steps.length || current.getType() != Schema.Type.RECORD) {
                        return path.toString();
                    }
                    Schema.Field field = current.getFields().get(Integer.parseInt(steps[++i]));
                    path.append('.').append(field.name());
                    current = field.schema();
                }
                case "items" -> {
                    path.append("[]");
                    current = current.getElementType();
                }
                case "values" -> {
                    path.append("{}");
                    current = current.getValueType();
                }
                case "symbols", "name", "size" -> {
                    return path.toString();
                }
                default -> {
                    // "type" (the field's own type) or a writer union index
                }
            }
        }
        return path.toString();
    }

    public static void main(String[] args) {
        int exitCode = run(args, System.out, System.err);
        // Exit only on failure, so that an in-process runner (exec:java) finishes normally on success.
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, Topic::released, out, err);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with the release state of each topic given (for tests). */
    static int run(String[] args, Predicate<Topic> isReleased, PrintStream out, PrintStream err) {
        Path releasedDir = DEFAULT_RELEASED_DIR;
        boolean release = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--release" -> release = true;
                case "--released-dir" -> {
                    if (i + 1 >= args.length) {
                        err.println("--released-dir needs a directory");
                        return 2;
                    }
                    releasedDir = Path.of(args[++i]);
                }
                default -> {
                    err.println("Unknown argument: " + args[i]);
                    err.println("Usage: CompatibilityGate [--released-dir DIR] [--release]");
                    return 2;
                }
            }
        }
        try {
            return run(releasedDir, release, isReleased, out, err);
        } catch (IOException | RuntimeException e) {
            err.println("Schema compatibility gate could not run: " + e);
            return 2;
        }
    }

    private static int run(Path releasedDir, boolean release, Predicate<Topic> isReleased, PrintStream out, PrintStream err)
            throws IOException {
        Map<Topic, List<Incompatibility>> failures = new LinkedHashMap<>();
        List<Topic> changed = new ArrayList<>();
        List<Topic> unreleased = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            Path file = releasedFile(releasedDir, topic);
            if (!isReleased.test(topic)) {
                if (Files.exists(file)) {
                    failures.put(topic, List.of(new Incompatibility(topic.valueSchema().getName(),
                            "the catalog marks the topic unreleased (its producer " + topic.producer()
                                    + " has not shipped), yet " + file.getFileName() + " exists; delete the file,"
                                    + " or mark the topic released in Topic")));
                    continue;
                }
                out.println("UNRELEASED " + topic.topicName() + ": its producer " + topic.producer()
                        + " has not shipped; the schema is free to change and is not released");
                unreleased.add(topic);
                continue;
            }
            if (!Files.exists(file)) {
                out.println("NOTE " + topic.topicName() + ": no released schema yet (new topic), nothing to check");
                changed.add(topic);
                continue;
            }
            Schema released = new Schema.Parser().parse(file.toFile());
            List<Incompatibility> problems = check(topic.valueSchema(), released);
            if (!problems.isEmpty()) {
                failures.put(topic, problems);
            } else if (!released.toString().equals(topic.valueSchema().toString())) { // docs count as changes
                out.println("OK   " + topic.topicName() + ": compatible changes since the released schema");
                changed.add(topic);
            }
        }
        if (!failures.isEmpty()) {
            err.println("Schema compatibility gate FAILED: " + failures.size()
                    + " topic(s) are not compatible with their released schema in " + releasedDir);
            failures.forEach((topic, problems) -> {
                err.println("  " + topic.topicName() + " (" + topic.valueSchema().getName() + ", released file "
                        + releasedFile(releasedDir, topic).getFileName() + "):");
                problems.forEach(problem -> err.println("    - " + problem));
            });
            err.println("Make the change compatible, or publish the new schema on a new topic version (.v2)."
                    + (release ? " Nothing was released." : ""));
            return 1;
        }
        if (release) {
            Files.createDirectories(releasedDir);
            for (Topic topic : changed) {
                Path file = releasedFile(releasedDir, topic);
                Files.writeString(file, topic.valueSchema().toString(true) + "\n", StandardCharsets.UTF_8);
                out.println("RELEASED " + topic.topicName() + " -> " + file);
            }
            out.println(changed.isEmpty() ? "Nothing to release: every released schema is current." :
                    "Released " + changed.size() + " schema(s).");
        } else {
            out.println("Schema compatibility gate passed for " + (Topic.values().length - unreleased.size())
                    + " released topics" + (unreleased.isEmpty() ? "." : "; " + unreleased.size() + " unreleased."));
        }
        return 0;
    }

    static Path releasedFile(Path releasedDir, Topic topic) {
        return releasedDir.resolve(topic.valueSubject() + ".avsc");
    }
}
