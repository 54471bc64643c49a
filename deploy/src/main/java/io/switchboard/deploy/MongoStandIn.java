package io.switchboard.deploy;

import de.bwaldvogel.mongo.MongoServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A MongoDB wire-protocol server for the local stack, where no mongod can be installed. Data is
 * kept in an H2 MVStore file so that it survives a stack restart. It has no multi-document
 * transactions and no change streams; the feedback service relies on neither.
 *
 * <p>Arguments: host port [data-file].
 */
public final class MongoStandIn {

    public static void main(String[] args) throws Exception {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 27018;
        Path dataFile = Path.of(args.length > 2 ? args[2] : "mongo-stand-in.mv");
        Files.createDirectories(dataFile.toAbsolutePath().getParent());

        MongoServer server = new MongoServer(new IdLookupH2Backend(dataFile.toString()));
        server.bind(host, port);
        System.out.printf("MongoDB wire-protocol server listening on %s:%d, data in %s%n", host, port, dataFile);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }, "mongo-stand-in-shutdown"));
        stopped.await();
    }

    private MongoStandIn() {
    }
}
