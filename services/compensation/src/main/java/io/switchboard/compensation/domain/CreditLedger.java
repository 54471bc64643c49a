package io.switchboard.compensation.domain;

/**
 * Settles a subscription's month: what is still owed given what was credited already. A recomputation (a new
 * outage, a corrected one, a redelivered report) yields only the difference, so the same unavailable period is
 * never compensated twice, and a correction yields an adjustment (possibly negative), not a second credit.
 */
public final class CreditLedger {

    /** The month's availability credit after the cap, and the change from what was credited so far. */
    public record Settlement(Money target, Money delta, boolean capped, String arithmetic) {

        public boolean changes() {
            return !delta.isZero();
        }
    }

    private CreditLedger() {
    }

    /**
     * @param entitlement           the availability credit the month earns before the cap
     * @param availabilityCredited  availability credits (and adjustments) already issued for the month
     * @param otherCredited         other credits of the month (support-SLA breaches, claims), which share the cap
     * @param cap                   the month's cap
     */
    public static Settlement availability(Money entitlement, Money availabilityCredited, Money otherCredited, Money cap) {
        Money headroom = cap.minus(otherCredited).max(Money.zero(cap.currency()));
        Money target = entitlement.min(headroom);
        boolean capped = target.compareTo(entitlement) < 0;
        Money delta = target.minus(availabilityCredited);
        String arithmetic = (capped ? "capped: " + entitlement + " > cap " + cap + " - other credits " + otherCredited
                + " = " + headroom + "; " : "") + "due " + target + " - credited " + availabilityCredited + " = " + delta;
        return new Settlement(target, delta, capped, arithmetic);
    }

    /** A one-off credit (a support-SLA breach, an approved claim): what it earns, within the month's remaining cap. */
    public static Settlement oneOff(Money earned, Money monthCredited, Money cap) {
        Money headroom = cap.minus(monthCredited).max(Money.zero(cap.currency()));
        Money target = earned.min(headroom);
        boolean capped = target.compareTo(earned) < 0;
        String arithmetic = capped ? "capped: " + earned + " > cap " + cap + " - credited " + monthCredited + " = " + headroom
                : earned + " within cap " + cap + " (credited " + monthCredited + ")";
        return new Settlement(target, target, capped, arithmetic);
    }
}
