package io.switchboard.compensation.ticket;

import io.switchboard.compensation.audit.AuditTrail;
import io.switchboard.contracts.sla.CompensationReviewDue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import io.switchboard.web.errors.ConflictException;
import io.switchboard.web.errors.ResourceNotFoundException;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compensation reviews of major incidents (impact over 4 hours by default, decided by escalation): one open review
 * per incident and affected customer, for an agent to take up; a repeat of the event opens nothing new. Listed and
 * decided over REST ({@code /api/v1/compensation/reviews}).
 */
@ApplicationScoped
public class Reviews {

    private final EntityManager em;
    private final AuditTrail audit;
    private final Clock clock;

    Reviews(EntityManager em, AuditTrail audit, Clock clock) {
        this.em = em;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int open(CompensationReviewDue review, String actor) {
        int opened = 0;
        for (String customerId : review.getCustomerIds()) {
            opened += em.createNativeQuery("insert into compensation_review (major_incident_id, customer_id, ticket_id, product, region, "
                            + "impact_started_at, impact_minutes, due_at, status) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'OPEN') "
                            + "on conflict do nothing")
                    .setParameter(1, review.getMajorIncidentId()).setParameter(2, customerId).setParameter(3, review.getTicketId())
                    .setParameter(4, review.getProduct()).setParameter(5, review.getRegion())
                    .setParameter(6, Timestamp.from(review.getImpactStartedAt())).setParameter(7, review.getImpactMinutes())
                    .setParameter(8, Timestamp.from(review.getDueAt())).executeUpdate();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customerIds", List.copyOf(review.getCustomerIds()));
        data.put("impactMinutes", review.getImpactMinutes());
        data.put("product", review.getProduct());
        data.put("region", review.getRegion());
        audit.record(new AuditTrail.Entry(actor, "compensation-review", "major-incident", review.getMajorIncidentId(), null,
                "REVIEW_OPENED", opened + " customer review(s) opened, due " + review.getDueAt(), null, null, data));
        return opened;
    }

    /** The reviews in {@code status} (all when null), of {@code customerId} (all when null), soonest due first. */
    @SuppressWarnings("unchecked")
    @Transactional
    public List<Map<String, Object>> list(String status, String customerId, int limit) {
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from compensation_review where (cast(?1 as varchar) is null "
                        + "or status = ?1) and (cast(?2 as varchar) is null or customer_id = ?2) order by due_at, major_incident_id, customer_id limit ?3")
                .setParameter(1, status).setParameter(2, customerId).setParameter(3, limit).getResultList();
        return rows.stream().map(Reviews::view).toList();
    }

    /**
     * Decides an open review, once: who decided, the outcome and why, with an audit record on the review's data.
     * Deciding a decided review is a conflict; an unknown review is not found.
     */
    @SuppressWarnings("unchecked")
    @Transactional
    public Map<String, Object> decide(String majorIncidentId, String customerId, ReviewOutcome outcome, String reason, String actor) {
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from compensation_review where major_incident_id = ?1 "
                + "and customer_id = ?2 for update").setParameter(1, majorIncidentId).setParameter(2, customerId).getResultList();
        if (rows.isEmpty()) {
            throw new ResourceNotFoundException("compensation review of major incident " + majorIncidentId + " for customer " + customerId);
        }
        Map<String, Object> review = view(rows.get(0));
        if (!"OPEN".equals(review.get("status"))) {
            throw new ConflictException("Review already decided", "the review was decided " + review.get("outcome") + " by "
                    + review.get("decidedBy") + " at " + review.get("decidedAt"), null);
        }
        Instant now = clock.instant();
        em.createNativeQuery("update compensation_review set status = 'DECIDED', outcome = ?3, decision_reason = ?4, decided_by = ?5, "
                        + "decided_at = ?6 where major_incident_id = ?1 and customer_id = ?2")
                .setParameter(1, majorIncidentId).setParameter(2, customerId).setParameter(3, outcome.name()).setParameter(4, reason)
                .setParameter(5, actor).setParameter(6, Timestamp.from(now)).executeUpdate();
        audit.record(new AuditTrail.Entry(actor, "decide-review", "compensation-review", majorIncidentId + "@" + customerId, customerId,
                outcome.name(), reason, null, null, review));
        review.put("status", "DECIDED");
        review.put("outcome", outcome.name());
        review.put("reason", reason);
        review.put("decidedBy", actor);
        review.put("decidedAt", now.toString());
        return review;
    }

    private static final String COLUMNS = "major_incident_id, customer_id, ticket_id, product, region, impact_started_at, impact_minutes, "
            + "due_at, status, outcome, decision_reason, decided_by, decided_at";

    private static Map<String, Object> view(Object[] r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("majorIncidentId", r[0]);
        m.put("customerId", r[1]);
        m.put("ticketId", r[2]);
        m.put("product", r[3]);
        m.put("region", r[4]);
        m.put("impactStartedAt", instant(r[5]));
        m.put("impactMinutes", ((Number) r[6]).longValue());
        m.put("dueAt", instant(r[7]));
        m.put("status", r[8]);
        m.put("outcome", r[9]);
        m.put("reason", r[10]);
        m.put("decidedBy", r[11]);
        m.put("decidedAt", instant(r[12]));
        return m;
    }

    private static String instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Timestamp t ? t.toInstant().toString() : value.toString();
    }
}
