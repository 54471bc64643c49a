package io.switchboard.compensation.domain;

import io.switchboard.contracts.common.CustomerTier;
import io.switchboard.contracts.common.Priority;
import io.switchboard.contracts.compensation.CompensationForm;
import io.switchboard.contracts.sla.SlaTarget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A versioned credit policy, as data: how an unavailable month is compensated, the monthly cap, the form of
 * compensation, the claim window and what a support-SLA breach earns. Read from a one-line spec (format on
 * {@link #parse(String)}, defaults in {@code default-policies.properties}).
 */
public record CreditPolicy(String id, int version, Method method, Map<BigDecimal, BigDecimal> coefficients,
                           List<Tier> tiers, BigDecimal capPercent, CompensationForm form, int claimWindowCycles,
                           RoundingMode rounding, List<SupportBreachRule> supportBreach) {

    /** How an unavailable month becomes money. */
    public enum Method {
        /** Affected minutes / minutes of the month x monthly fee x the commitment's coefficient. */
        PER_MINUTE,
        /** A percentage of the monthly fee by the band the achieved availability falls in. */
        TIERED
    }

    /**
     * A band of a tiered table: for subscriptions whose commitment is in [{@code commitmentFrom}, {@code commitmentTo})
     * (any when null), a month whose availability is below {@code below} (the commitment itself when null) earns
     * {@code percent} of the monthly fee. Of the bands that match, the highest percent applies.
     */
    public record Tier(BigDecimal commitmentFrom, BigDecimal commitmentTo, BigDecimal below, BigDecimal percent) {

        boolean appliesTo(BigDecimal commitment) {
            return commitmentFrom == null
                    || (commitment.compareTo(commitmentFrom) >= 0 && commitment.compareTo(commitmentTo) < 0);
        }

        BigDecimal threshold(BigDecimal commitment) {
            return below == null ? commitment : below;
        }

        String spec() {
            String range = commitmentFrom == null ? "*" : commitmentFrom.toPlainString() + ".." + commitmentTo.toPlainString();
            return range + "<" + (below == null ? "commitment" : below.toPlainString()) + ":" + percent.toPlainString();
        }
    }

    /** A support-SLA breach of {@code target} on a ticket of {@code tier} and {@code priority} earns {@code percent} of the fee. */
    public record SupportBreachRule(CustomerTier tier, Priority priority, SlaTarget target, BigDecimal percent) {

        String spec() {
            return tier + "/" + priority + "/" + target + ":" + percent.toPlainString();
        }
    }

    public CreditPolicy {
        coefficients = Map.copyOf(new TreeMap<>(coefficients));
        tiers = List.copyOf(tiers);
        supportBreach = List.copyOf(supportBreach);
    }

    /** Whether this policy can compute a credit for a subscription with {@code commitment}. */
    public Optional<String> whyNotFor(BigDecimal commitment) {
        if (method == Method.PER_MINUTE && coefficient(commitment).isEmpty()) {
            return Optional.of("policy " + id + " v" + version + " has no coefficient for commitment "
                    + Arithmetic.plain(commitment) + "% (it has " + coefficients.keySet().stream().sorted()
                    .map(Arithmetic::plain).collect(Collectors.joining(", ")) + ")");
        }
        return Optional.empty();
    }

    public Optional<BigDecimal> coefficient(BigDecimal commitment) {
        return coefficients.entrySet().stream().filter(e -> e.getKey().compareTo(commitment) == 0)
                .map(Map.Entry::getValue).findFirst();
    }

    /** The percent a breach earns, if the policy grants one. */
    public Optional<SupportBreachRule> supportBreachRule(CustomerTier tier, Priority priority, SlaTarget target) {
        return supportBreach.stream().filter(r -> r.tier == tier && r.priority == priority && r.target == target).findFirst();
    }

    /**
     * Parses a policy spec: clauses {@code key=value} separated by {@code ;}.
     * <pre>
     * id=per-minute; version=1; method=per-minute; coefficients=99.9:1.00,99.95:1.25,99.99:2.50,99.999:5.00;
     * cap=100; form=BILL_CREDIT; claim-window=2; rounding=HALF_EVEN;
     * support-breach=ENTERPRISE/P1/FIRST_RESPONSE:5,VIP/P1/FIRST_RESPONSE:5
     * </pre>
     * A tiered policy has {@code method=tiered} and {@code tiers=<range><<threshold>:<percent>,...}, where the
     * range is {@code *} or {@code 99.95..99.99} (commitments, the end exclusive) and the threshold is
     * {@code commitment} or a percentage: {@code tiers=*<commitment:10,*<99.0:25,*<95.0:100}.
     * Every clause but {@code id}, {@code version} and {@code method} has a default: coefficients and tiers none,
     * cap 100, form BILL_CREDIT, claim window 2 billing cycles, rounding HALF_EVEN, no support-breach credits.
     */
    public static CreditPolicy parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidFieldException("policy", "is empty");
        }
        Map<String, String> clauses = new LinkedHashMap<>();
        for (String clause : spec.split(";")) {
            if (clause.isBlank()) {
                continue;
            }
            int eq = clause.indexOf('=');
            if (eq < 1) {
                throw new InvalidFieldException("policy", "clause '" + clause.strip() + "' is not key=value");
            }
            String key = clause.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (clauses.put(key, clause.substring(eq + 1).strip()) != null) {
                throw new InvalidFieldException("policy." + key, "given twice");
            }
        }
        String id = required(clauses, "id");
        if (!id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new InvalidFieldException("policy.id", "'" + id + "' must be 1-64 of a-z, 0-9 and '-'");
        }
        int version = positiveInt(required(clauses, "version"), "policy.version");
        Method method = switch (required(clauses, "method").toLowerCase(Locale.ROOT)) {
            case "per-minute" -> Method.PER_MINUTE;
            case "tiered" -> Method.TIERED;
            default -> throw new InvalidFieldException("policy.method", "must be per-minute or tiered, was '" + clauses.get("method") + "'");
        };
        Map<BigDecimal, BigDecimal> coefficients = new TreeMap<>();
        for (String entry : list(clauses.remove("coefficients"))) {
            String[] kv = pair(entry, ":", "policy.coefficients");
            coefficients.put(percent(kv[0], "policy.coefficients"), nonNegative(kv[1], "policy.coefficients"));
        }
        List<Tier> tiers = new ArrayList<>();
        for (String entry : list(clauses.remove("tiers"))) {
            tiers.add(tier(entry));
        }
        List<SupportBreachRule> breach = new ArrayList<>();
        for (String entry : list(clauses.remove("support-breach"))) {
            breach.add(breachRule(entry));
        }
        if (method == Method.PER_MINUTE && coefficients.isEmpty()) {
            throw new InvalidFieldException("policy.coefficients", "a per-minute policy needs at least one commitment:coefficient");
        }
        if (method == Method.TIERED && tiers.isEmpty()) {
            throw new InvalidFieldException("policy.tiers", "a tiered policy needs at least one band");
        }
        BigDecimal cap = clauses.containsKey("cap") ? nonNegative(clauses.remove("cap"), "policy.cap") : BigDecimal.valueOf(100);
        CompensationForm form = enumValue(CompensationForm.class, clauses.getOrDefault("form", "BILL_CREDIT"), "policy.form");
        clauses.remove("form");
        int window = clauses.containsKey("claim-window") ? positiveInt(clauses.remove("claim-window"), "policy.claim-window") : 2;
        RoundingMode rounding = enumValue(RoundingMode.class, clauses.getOrDefault("rounding", "HALF_EVEN"), "policy.rounding");
        if (rounding == RoundingMode.UNNECESSARY) {
            throw new InvalidFieldException("policy.rounding", "UNNECESSARY cannot round a credit");
        }
        clauses.remove("rounding");
        clauses.keySet().removeAll(List.of("id", "version", "method"));
        if (!clauses.isEmpty()) {
            throw new InvalidFieldException("policy." + clauses.keySet().iterator().next(), "is not a policy clause");
        }
        return new CreditPolicy(id, version, method, coefficients, tiers, cap, form, window, rounding, breach);
    }

    /** The spec this policy parses from; {@code parse(p.toSpec())} equals {@code p}. */
    public String toSpec() {
        StringBuilder spec = new StringBuilder("id=").append(id).append("; version=").append(version)
                .append("; method=").append(method == Method.PER_MINUTE ? "per-minute" : "tiered");
        if (!coefficients.isEmpty()) {
            spec.append("; coefficients=").append(new TreeMap<>(coefficients).entrySet().stream()
                    .map(e -> e.getKey().toPlainString() + ":" + e.getValue().toPlainString()).collect(Collectors.joining(",")));
        }
        if (!tiers.isEmpty()) {
            spec.append("; tiers=").append(tiers.stream().map(Tier::spec).collect(Collectors.joining(",")));
        }
        spec.append("; cap=").append(capPercent.toPlainString()).append("; form=").append(form)
                .append("; claim-window=").append(claimWindowCycles).append("; rounding=").append(rounding);
        if (!supportBreach.isEmpty()) {
            spec.append("; support-breach=").append(supportBreach.stream().map(SupportBreachRule::spec).collect(Collectors.joining(",")));
        }
        return spec.toString();
    }

    private static Tier tier(String entry) {
        String field = "policy.tiers";
        String[] rangeRest = pair(entry, "<", field);
        String[] thresholdPercent = pair(rangeRest[1], ":", field);
        BigDecimal from = null;
        BigDecimal to = null;
        if (!rangeRest[0].equals("*")) {
            String[] range = pair(rangeRest[0].replace("..", "~"), "~", field);
            from = percent(range[0], field);
            to = percent(range[1], field);
            if (from.compareTo(to) >= 0) {
                throw new InvalidFieldException(field, "range '" + rangeRest[0] + "' is empty");
            }
        }
        BigDecimal below = thresholdPercent[0].equalsIgnoreCase("commitment") ? null : percent(thresholdPercent[0], field);
        BigDecimal percent = nonNegative(thresholdPercent[1], field);
        return new Tier(from, to, below, percent);
    }

    private static SupportBreachRule breachRule(String entry) {
        String field = "policy.support-breach";
        String[] keyPercent = pair(entry, ":", field);
        String[] key = keyPercent[0].split("/");
        if (key.length != 3) {
            throw new InvalidFieldException(field, "'" + entry + "' is not TIER/PRIORITY/TARGET:percent");
        }
        return new SupportBreachRule(enumValue(CustomerTier.class, key[0], field), enumValue(Priority.class, key[1], field),
                enumValue(SlaTarget.class, key[2], field), nonNegative(keyPercent[1], field));
    }

    private static String required(Map<String, String> clauses, String key) {
        String value = clauses.get(key);
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException("policy." + key, "is required");
        }
        return value;
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.of(value.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String[] pair(String entry, String separator, String field) {
        int at = entry.indexOf(separator);
        if (at < 1 || at == entry.length() - 1) {
            throw new InvalidFieldException(field, "'" + entry + "' has no '" + separator + "' between two parts");
        }
        return new String[] {entry.substring(0, at).strip(), entry.substring(at + separator.length()).strip()};
    }

    private static int positiveInt(String value, String field) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "must be a whole number of at least 1, was '" + value + "'");
        }
    }

    static BigDecimal percent(String value, String field) {
        BigDecimal n = nonNegative(value, field);
        if (n.signum() <= 0 || n.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw new InvalidFieldException(field, "a percentage must be above 0 and below 100, was " + value);
        }
        return n;
    }

    private static BigDecimal nonNegative(String value, String field) {
        try {
            BigDecimal n = new BigDecimal(value.strip());
            if (n.signum() < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "must be a non-negative decimal number, was '" + value + "'");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        try {
            E e = Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
            if (e.name().equals("UNKNOWN")) {
                throw new IllegalArgumentException();
            }
            return e;
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, "'" + value + "' is not one of " + List.of(type.getEnumConstants()).stream()
                    .map(Enum::name).filter(n -> !n.equals("UNKNOWN")).collect(Collectors.joining(", ")));
        }
    }
}
