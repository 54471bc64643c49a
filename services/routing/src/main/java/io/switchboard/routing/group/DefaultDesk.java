package io.switchboard.routing.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.routing.config.RoutingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Clock;

/**
 * Loads the default desk ({@code io/switchboard/routing/default-desk.json}: centres, groups and a few
 * hundred agents) at start, so that {@code make run} routes at once. Idempotent: rows that exist, as
 * an operator left them, are kept ({@code on conflict do nothing}).
 */
@ApplicationScoped
public class DefaultDesk {

    private static final Logger LOG = Logger.getLogger(DefaultDesk.class);

    private final EntityManager em;
    private final RoutingConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final DeskReader desks;

    DefaultDesk(EntityManager em, RoutingConfig config, ObjectMapper json, Clock clock, DeskReader desks) {
        this.em = em;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.desks = desks;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.loadDefaultDesk()) {
            int agents = QuarkusTransaction.requiringNew().call(this::load);
            LOG.infof("default desk: %d agents added (rows already there are kept)", agents);
            desks.invalidate();
        }
    }

    int load() {
        JsonNode desk;
        try (InputStream in = DefaultDesk.class.getResourceAsStream("/io/switchboard/routing/default-desk.json")) {
            desk = json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the default desk", e);
        }
        Timestamp now = Timestamp.from(clock.instant());
        for (JsonNode c : desk.get("centres")) {
            em.createNativeQuery("insert into centre (id, zone, public_holidays) values (?1, ?2, cast(?3 as jsonb)) on conflict do nothing")
                    .setParameter(1, c.get("id").asText()).setParameter(2, c.get("zone").asText())
                    .setParameter(3, c.get("publicHolidays").toString()).executeUpdate();
        }
        int added = 0;
        for (JsonNode g : desk.get("groups")) {
            String id = g.get("id").asText();
            em.createNativeQuery("insert into skill_group (id, name, skill, products, languages, certification, level, tiers, centre_id, "
                            + "hours, strategy, emergency, updated_at) values (?1, ?2, ?3, '[]', cast(?4 as jsonb), ?5, ?6, '[]', ?7, ?8, ?9, ?10, ?11) "
                            + "on conflict do nothing")
                    .setParameter(1, id).setParameter(2, g.get("name").asText()).setParameter(3, g.get("skill").asText())
                    .setParameter(4, g.get("languages").toString()).setParameter(5, g.get("certification").asText())
                    .setParameter(6, g.get("level").asText()).setParameter(7, g.get("centre").asText())
                    .setParameter(8, g.get("hours").asText()).setParameter(9, g.get("strategy").asText())
                    .setParameter(10, g.get("emergency").asBoolean()).setParameter(11, now).executeUpdate();
            String certifications = "[\"" + g.get("certification").asText() + "\"" +
                    (g.get("certification").asText().equals("BASIC_OPERATIONS") ? "" : ", \"BASIC_OPERATIONS\"") + "]";
            for (int n = 1; n <= g.get("agents").asInt(); n++) {
                String agent = String.format("%s-%02d", id, n);
                added += em.createNativeQuery("insert into agent (id, name, centre_id, languages, skills, certifications, groups, capacity, "
                                + "presence, presence_since, managed_customers, updated_at) values (?1, ?2, ?3, cast(?4 as jsonb), cast(?5 as jsonb), "
                                + "cast(?6 as jsonb), cast(?7 as jsonb), ?8, 'AVAILABLE', ?9, '[]', ?9) on conflict do nothing")
                        .setParameter(1, agent).setParameter(2, "Agent " + n + " of " + g.get("name").asText())
                        .setParameter(3, g.get("centre").asText()).setParameter(4, g.get("languages").toString())
                        .setParameter(5, "{\"" + g.get("skill").asText() + "\": 3}").setParameter(6, certifications)
                        .setParameter(7, "[\"" + id + "\"]").setParameter(8, g.get("capacity").asInt()).setParameter(9, now)
                        .executeUpdate();
            }
        }
        return added;
    }
}
