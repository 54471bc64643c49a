import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads one artifact from a Maven repository into a folder and checks its SHA-1. Used for the
 * servers that are taken from Maven Central as archives rather than libraries (their parent poms
 * are not all published, so Maven's resolver refuses them).
 *
 * <p>Arguments: repository-url group:artifact:version:type[:classifier] target-folder
 */
public class FetchArtifact {
    public static void main(String[] args) throws Exception {
        String repository = args[0].replaceAll("/+$", "");
        String[] coordinates = args[1].split(":");
        Path target = Path.of(args[2]);
        String group = coordinates[0], artifact = coordinates[1], version = coordinates[2], type = coordinates[3];
        String classifier = coordinates.length > 4 ? "-" + coordinates[4] : "";
        String file = artifact + "-" + version + classifier + "." + type;
        String url = repository + "/" + group.replace('.', '/') + "/" + artifact + "/" + version + "/" + file;

        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        Files.createDirectories(target);
        Path partial = target.resolve(file + ".part");
        HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofFile(partial));
        if (response.statusCode() != 200) {
            Files.deleteIfExists(partial);
            throw new IOException("GET " + url + " answered " + response.statusCode());
        }
        String expected = http.send(HttpRequest.newBuilder(URI.create(url + ".sha1")).build(),
                HttpResponse.BodyHandlers.ofString()).body().trim().split("\\s+")[0];
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        try (InputStream in = Files.newInputStream(partial)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha1.update(buffer, 0, n);
            }
        }
        String actual = HexFormat.of().formatHex(sha1.digest());
        if (!actual.equalsIgnoreCase(expected)) {
            Files.deleteIfExists(partial);
            throw new IOException("checksum mismatch for " + url + ": expected " + expected + ", got " + actual);
        }
        Files.move(partial, target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        System.out.println("fetched " + file);
    }
}
