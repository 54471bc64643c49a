package io.switchboard.testkit;

import java.util.logging.ConsoleHandler;
import java.util.logging.Logger;

/**
 * Run in a JVM of its own by {@link StackChoiceJvmTest}: which stack the environment gets. A
 * console handler on the root logger stands in for the one Quarkus sets up in a test JVM.
 */
public final class StackChoiceMain {

    public static void main(String[] args) {
        Logger.getLogger("").addHandler(new ConsoleHandler());
        System.out.println("chosen: " + LocalStack.kind() + " " + LocalStack.bootstrapServers());
    }

    private StackChoiceMain() {
    }
}
