package io.switchboard.routing.domain;

/**
 * Erlang C: the chance that a ticket waits, and the share answered within a target, for N agents
 * offered A erlangs of work (arrival rate x handling time). Computed through the Erlang B recursion,
 * which stays finite for any N.
 */
public final class ErlangC {

    private ErlangC() {
    }

    /** Probability that an arriving ticket has to wait; 1 when the agents cannot keep up (N <= A). */
    public static double waitProbability(int agents, double erlangs) {
        if (erlangs <= 0) {
            return 0;
        }
        if (agents <= erlangs) {
            return 1;
        }
        double b = 1;
        for (int n = 1; n <= agents; n++) {
            b = erlangs * b / (n + erlangs * b);
        }
        return agents * b / (agents - erlangs * (1 - b));
    }

    /** Share of tickets answered within {@code targetSeconds}. */
    public static double serviceLevel(int agents, double erlangs, double handlingSeconds, double targetSeconds) {
        if (agents <= erlangs) {
            return erlangs <= 0 ? 1 : 0;
        }
        return 1 - waitProbability(agents, erlangs) * Math.exp(-(agents - erlangs) * targetSeconds / handlingSeconds);
    }

    /**
     * Expected wait in seconds of a ticket arriving now at a queue served by {@code agents} agents:
     * Erlang C's mean wait for the arrival rate, {@code P(wait) x handling / (N - A)}, but no less than
     * the time the agents need to work off the {@code depth} tickets already waiting ({@code depth x
     * handling / N}); -1 when no agent is present. When the agents cannot keep up with the arrivals
     * (N <= A) the queue only grows and the backlog's figure is all there is.
     */
    public static long expectedWaitSeconds(int agents, double arrivalsPerSecond, double handlingSeconds, int depth) {
        if (agents <= 0) {
            return depth == 0 && arrivalsPerSecond <= 0 ? 0 : -1;
        }
        double backlog = depth * handlingSeconds / agents;
        double erlangs = arrivalsPerSecond * handlingSeconds;
        if (agents <= erlangs) {
            return Math.round(backlog);
        }
        double meanWait = waitProbability(agents, erlangs) * handlingSeconds / (agents - erlangs);
        return Math.round(Math.max(meanWait, backlog));
    }

    /** The fewest agents that answer at least {@code serviceLevel} of the tickets within the target. */
    public static int agentsFor(double arrivalsPerHour, double handlingSeconds, double targetSeconds, double serviceLevel) {
        double erlangs = arrivalsPerHour * handlingSeconds / 3600.0;
        if (erlangs <= 0) {
            return 0;
        }
        int n = Math.max(1, (int) Math.ceil(erlangs));
        while (serviceLevel(n, erlangs, handlingSeconds, targetSeconds) < serviceLevel) {
            n++;
        }
        return n;
    }
}
