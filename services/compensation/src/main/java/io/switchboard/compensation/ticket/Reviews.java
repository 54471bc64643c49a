package io.switchboard.compensation.ticket;

import io.switchboard.compensation.audit.AuditTrail;
import io.switchboard.contracts.sla.CompensationReviewDue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compensation reviews of major incidents (impact over 4 hours by default, decided by escalation): one open review
 * per incident and affected customer, for an agent to take up; a repeat of the event opens nothing new.
 */
@ApplicationScoped
public class Reviews {

    private final EntityManager em;
    private final AuditTrail audit;

    Reviews(EntityManager em, AuditTrail audit) {
        this.em = em;
        this.audit = audit;
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
}
