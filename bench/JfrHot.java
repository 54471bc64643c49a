import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a JVM's CPU went, from a flight recording's execution samples: the hottest methods (the
 * sample's top frame), the share of samples each code area appears in anywhere on the stack, and our
 * own methods nearest the top (what of ours the time is spent in or under, libraries included).
 *
 *   java bench/JfrHot.java RECORDING.jfr [TOP [AREA]]   (bench/mesh.sh MESH_JFR=1 writes one per service)
 *
 * With AREA (one of the names below, e.g. hibernate) only the samples whose stack passes through it count.
 */
public class JfrHot {

    /** Code areas by package prefix, first match wins: what a sample's stack passes through. */
    static final List<String[]> AREAS = List.of(
            new String[] {"io.switchboard.", "switchboard"},
            new String[] {"org.hibernate.", "hibernate"},
            new String[] {"org.postgresql.", "jdbc driver"},
            new String[] {"io.agroal.", "connection pool"},
            new String[] {"org.apache.kafka.", "kafka client"},
            new String[] {"io.smallrye.reactive.messaging.", "smallrye messaging"},
            new String[] {"org.apache.avro.", "avro"},
            new String[] {"io.apicurio.", "registry client"},
            new String[] {"com.fasterxml.jackson.", "jackson"},
            new String[] {"io.vertx.", "vert.x"},
            new String[] {"io.netty.", "netty"},
            new String[] {"io.smallrye.jwt.", "jwt"},
            new String[] {"org.jose4j.", "jwt"},
            new String[] {"com.mongodb.", "mongodb driver"},
            new String[] {"org.bson.", "mongodb driver"},
            new String[] {"io.micrometer.", "metrics"},
            new String[] {"org.jboss.logmanager.", "logging"});

    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        String only = args.length > 2 ? args[2] : null;
        Map<String, Integer> hot = new HashMap<>();
        Map<String, Integer> areas = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String type = f.getMethod().getType().getName();
                for (String[] area : AREAS) {
                    if (type.startsWith(area[0])) {
                        seen.add(area[1]);
                        break;
                    }
                }
            }
            if (only != null && !seen.contains(only)) {
                continue;
            }
            samples++;
            hot.merge(name(frames.get(0)), 1, Integer::sum);
            frames.stream().filter(f -> f.getMethod().getType().getName().startsWith("io.switchboard.")).findFirst()
                    .ifPresent(f -> ours.merge(name(f), 1, Integer::sum));
            seen.forEach(a -> areas.merge(a, 1, Integer::sum));
        }
        System.out.printf("%s: %d execution samples%s%n", args[0], samples, only == null ? "" : " through " + only);
        if (samples == 0) {
            return;
        }
        int all = samples;
        System.out.println("  on the stack of (share of samples):");
        areas.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(a -> System.out.printf("    %5.1f%%  %s%n", 100.0 * a.getValue() / all, a.getKey()));
        System.out.println("  our methods nearest the top (time in them or in what they call):");
        ours.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(h -> System.out.printf("    %5.1f%%  %s%n", 100.0 * h.getValue() / all, h.getKey()));
        System.out.println("  hottest methods (top frame):");
        hot.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(h -> System.out.printf("    %5.1f%%  %s%n", 100.0 * h.getValue() / all, h.getKey()));
    }

    static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
