package io.switchboard.compensation.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every decision, written in the transaction that makes it: who or what decided, on which data, under which
 * policy version. Rows are only ever added.
 */
@ApplicationScoped
public class AuditTrail {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final EntityManager em;
    private final Clock clock;

    AuditTrail(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** One decision. {@code data} holds the inputs it was made on. */
    public record Entry(String actor, String action, String subjectType, String subjectId, String customerId,
                        String decision, String reason, String policyId, Integer policyVersion, Map<String, ?> data) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Entry entry) {
        recordAll(List.of(entry));
    }

    /** Writes the entries as one JDBC batch. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into audit_record (id, recorded_at, actor, action, "
                    + "subject_type, subject_id, customer_id, decision, reason, policy_id, policy_version, data) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))")) {
                for (Entry e : entries) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setTimestamp(2, now);
                    insert.setString(3, e.actor());
                    insert.setString(4, e.action());
                    insert.setString(5, e.subjectType());
                    insert.setString(6, e.subjectId());
                    insert.setString(7, e.customerId());
                    insert.setString(8, e.decision());
                    insert.setString(9, e.reason());
                    insert.setString(10, e.policyId());
                    if (e.policyVersion() == null) {
                        insert.setNull(11, java.sql.Types.INTEGER);
                    } else {
                        insert.setInt(11, e.policyVersion());
                    }
                    insert.setString(12, json(e.data()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** The records about one subject, oldest first. */
    @SuppressWarnings("unchecked")
    @Transactional
    public List<Map<String, Object>> about(String subjectType, String subjectId) {
        List<Object[]> rows = em.createNativeQuery("select recorded_at, actor, action, decision, reason, policy_id, policy_version, "
                        + "cast(data as text) from audit_record where subject_type = ?1 and subject_id = ?2 order by recorded_at, id")
                .setParameter(1, subjectType).setParameter(2, subjectId).setMaxResults(1000).getResultList();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] r : rows) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("recordedAt", r[0] instanceof Timestamp t ? t.toInstant().toString() : String.valueOf(r[0]));
            m.put("actor", r[1]);
            m.put("action", r[2]);
            m.put("decision", r[3]);
            m.put("reason", r[4]);
            m.put("policyId", r[5]);
            m.put("policyVersion", r[6]);
            try {
                m.put("data", JSON.readValue((String) r[7], Map.class));
            } catch (JsonProcessingException ex) {
                m.put("data", r[7]);
            }
            out.add(m);
        }
        return out;
    }

    public static String json(Object data) {
        try {
            return JSON.writeValueAsString(data == null ? Map.of() : data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit data not serializable", e);
        }
    }
}
