import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Prints the body of a GET: curl for machines that have only a JDK. */
public class HttpGet {
    public static void main(String[] args) throws Exception {
        System.out.print(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(args[0])).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
