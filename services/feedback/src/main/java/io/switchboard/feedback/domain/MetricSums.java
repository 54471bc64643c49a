package io.switchboard.feedback.domain;

/**
 * The sums a group of contacts adds up to (what one MongoDB {@code $group} stage returns), from which every figure
 * is computed. A contact is one resolution of a ticket.
 *
 * @param contacts          resolutions
 * @param surveyed          resolutions that were sent a survey
 * @param responses         surveys answered
 * @param csatCounts        answers per CSAT score, index 0 = score 1 .. index 4 = score 5
 * @param npsAnswers        answers with an NPS score
 * @param promoters         NPS 9 or 10
 * @param detractors        NPS 0 to 6
 * @param fcrYes            resolutions the desk resolved on first contact (the ticket's own flag)
 * @param customerFcrAnswers answers to "resolved on first contact?"
 * @param customerFcrYes    of those, yes
 * @param handlingCount     resolutions with a handling time
 * @param handlingSeconds   their handling time, summed
 * @param lowSatisfaction   answers flagged as low satisfaction
 */
public record MetricSums(long contacts, long surveyed, long responses, long[] csatCounts, long npsAnswers, long promoters,
                         long detractors, long fcrYes, long customerFcrAnswers, long customerFcrYes, long handlingCount,
                         long handlingSeconds, long lowSatisfaction) {

    public MetricSums {
        if (csatCounts.length != 5) {
            throw new IllegalArgumentException("csatCounts has one count per score 1..5");
        }
        csatCounts = csatCounts.clone();
    }

    public long csatAnswers() {
        long n = 0;
        for (long c : csatCounts) {
            n += c;
        }
        return n;
    }

    /** Average CSAT (1-5), null without an answer. */
    public Double csatAverage() {
        long n = csatAnswers();
        if (n == 0) {
            return null;
        }
        long sum = 0;
        for (int score = 1; score <= 5; score++) {
            sum += score * csatCounts[score - 1];
        }
        return (double) sum / n;
    }

    /** Share of the CSAT answers per score 1..5, each 0..1; null without an answer. */
    public double[] csatDistribution() {
        long n = csatAnswers();
        if (n == 0) {
            return null;
        }
        double[] shares = new double[5];
        for (int i = 0; i < 5; i++) {
            shares[i] = (double) csatCounts[i] / n;
        }
        return shares;
    }

    /** Net promoter score: percentage of promoters minus percentage of detractors (-100..100); null without an answer. */
    public Double nps() {
        return npsAnswers == 0 ? null : 100.0 * (promoters - detractors) / npsAnswers;
    }

    /** First-contact resolution rate (0..1) as the desk recorded it on the resolutions. */
    public Double fcrRate() {
        return contacts == 0 ? null : (double) fcrYes / contacts;
    }

    /** First-contact resolution rate (0..1) as the customers answered it. */
    public Double customerFcrRate() {
        return customerFcrAnswers == 0 ? null : (double) customerFcrYes / customerFcrAnswers;
    }

    /** Average handling time in seconds; null when no resolution had one. */
    public Double handlingAverageSeconds() {
        return handlingCount == 0 ? null : (double) handlingSeconds / handlingCount;
    }

    /** Surveys answered per survey sent (0..1). */
    public Double responseRate() {
        return surveyed == 0 ? null : (double) responses / surveyed;
    }

    /** Whether each figure meets its target; null where the figure has no data. */
    public Attainments against(MetricTargets targets) {
        Double csat = csatAverage();
        Double nps = nps();
        Double fcr = fcrRate();
        Double handling = handlingAverageSeconds();
        return new Attainments(csat == null ? null : csat >= targets.csat(), nps == null ? null : nps >= targets.nps(),
                fcr == null ? null : fcr >= targets.fcrRate(), handling == null ? null : handling <= targets.handling().toSeconds());
    }

    public record Attainments(Boolean csat, Boolean nps, Boolean fcr, Boolean handling) {
    }
}
