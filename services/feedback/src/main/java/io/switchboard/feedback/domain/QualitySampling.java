package io.switchboard.feedback.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Draws a period's quality sample, stratified by agent and deterministic (the same contacts give the same
 * assignments on every run and every instance).
 *
 * <ul>
 *   <li>Each agent is a stratum: of its n contacts, {@code max(1, round(n x share))} are inspected when the share
 *   is above zero, so every agent who handled a contact in the period is sampled.</li>
 *   <li>Within a stratum, the contacts are taken in the order of a hash of period and contact id (a pseudo-random
 *   but reproducible order).</li>
 *   <li>Methods: the inspected contacts of all strata, in stratum order, take methods from one smooth weighted
 *   round-robin over the split (30/50/20 by default), so the desk's proportions are exact to one contact per
 *   method and consecutive strata start at different methods.</li>
 * </ul>
 */
public final class QualitySampling {

    /** A contact of the period: its id and the agent who resolved it (null: unknown, a stratum of its own). */
    public record Contact(String contactId, String agentId) {
        public Contact {
            Objects.requireNonNull(contactId, "contactId");
        }
    }

    /** An inspected contact and its one method. */
    public record Assignment(String contactId, String agentId, ReviewMethod method) {
    }

    static final String NO_AGENT = "";

    private final QualityPolicy policy;

    public QualitySampling(QualityPolicy policy) {
        this.policy = policy;
    }

    public List<Assignment> draw(String period, List<Contact> contacts) {
        Map<String, List<Contact>> strata = new TreeMap<>();
        for (Contact contact : contacts) {
            strata.computeIfAbsent(contact.agentId() == null ? NO_AGENT : contact.agentId(), k -> new ArrayList<>()).add(contact);
        }
        List<Assignment> assignments = new ArrayList<>();
        MethodSequence methods = new MethodSequence(policy.split());
        for (Map.Entry<String, List<Contact>> stratum : strata.entrySet()) {
            Map<String, String> orderKeys = new java.util.HashMap<>();
            stratum.getValue().forEach(c -> orderKeys.put(c.contactId(), order(period, c.contactId())));
            List<Contact> members = new ArrayList<>(stratum.getValue());
            members.sort(Comparator.comparing((Contact c) -> orderKeys.get(c.contactId())).thenComparing(Contact::contactId));
            int take = sampleSize(members.size());
            for (Contact contact : members.subList(0, take)) {
                assignments.add(new Assignment(contact.contactId(), contact.agentId(), methods.next()));
            }
        }
        return assignments;
    }

    /** How many of a stratum's n contacts are inspected. */
    int sampleSize(int n) {
        if (n == 0 || policy.inspectedShare() == 0.0) {
            return 0;
        }
        return (int) Math.min(n, Math.max(1, Math.round(n * policy.inspectedShare())));
    }

    private static String order(String period, String contactId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((period + "/" + contactId).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Smooth weighted round-robin: each method's turns are spread evenly, in exact proportion to its weight. */
    static final class MethodSequence {
        private final Map<ReviewMethod, Integer> weights;
        private final Map<ReviewMethod, Integer> current = new EnumMap<>(ReviewMethod.class);
        private final int total;

        MethodSequence(Map<ReviewMethod, Integer> weights) {
            this.weights = new EnumMap<>(weights);
            this.total = weights.values().stream().mapToInt(Integer::intValue).sum();
            weights.keySet().forEach(m -> current.put(m, 0));
        }

        ReviewMethod next() {
            ReviewMethod best = null;
            for (ReviewMethod method : ReviewMethod.values()) {
                Integer weight = weights.get(method);
                if (weight == null) {
                    continue;
                }
                current.merge(method, weight, Integer::sum);
                if (best == null || current.get(method) > current.get(best)) {
                    best = method;
                }
            }
            current.merge(best, -total, Integer::sum);
            return best;
        }
    }
}
