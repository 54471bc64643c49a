package io.switchboard.routing.agent;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.domain.Agent;
import io.switchboard.routing.domain.Presence;
import io.switchboard.routing.group.DeskReader;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The desk's agents held in memory, so that a decision chooses among them in plain Java instead of
 * querying for candidates. The database stays the truth for capacity: a choice made here is carried
 * out only by the conditional claim of {@link AgentRepository}, which refuses an agent another
 * instance filled meanwhile. This instance's own claims and releases change the memory at once;
 * other instances' changes (load, presence, definitions) are read every
 * {@code switchboard.routing.desk-refresh-interval}, by a thread of its own (not the consumers'): the
 * presence, capacity and load of the agents whose rows changed since the last reading (of every agent
 * each {@code desk-full-refresh-interval}), and the whole row of an agent whose {@code updated_at} moved.
 */
@ApplicationScoped
public class AgentMemory {

    private static final Logger LOG = Logger.getLogger(AgentMemory.class);
    /** A decision reads the desk itself when the reading thread has missed this many turns. */
    private static final int MISSED_TURNS = 5;
    /** Transaction ids below this are PostgreSQL's special ones (frozen, bootstrap): no horizon to read from. */
    private static final long FIRST_NORMAL_XID = 3;

    /** Who can take work first, then least used, longest idle, id: the order candidates are offered in. */
    static final Comparator<Agent> CANDIDATE_ORDER = AgentMemory::compareCandidates;

    /** {@link #CANDIDATE_ORDER} written out (it runs for every member of the matching groups at every decision). */
    private static int compareCandidates(Agent a, Agent b) {
        boolean aCan = a.presence() == Presence.AVAILABLE && a.hasRoom();
        boolean bCan = b.presence() == Presence.AVAILABLE && b.hasRoom();
        if (aCan != bCan) {
            return aCan ? -1 : 1;
        }
        int byUse = Double.compare(a.utilisation(), b.utilisation());
        if (byUse != 0) {
            return byUse;
        }
        Instant aLast = a.lastAssignedAt();
        Instant bLast = b.lastAssignedAt();
        if (aLast != bLast) {
            if (aLast == null) {
                return -1;
            }
            if (bLast == null) {
                return 1;
            }
            int byIdle = aLast.compareTo(bLast);
            if (byIdle != 0) {
                return byIdle;
            }
        }
        return a.id().compareTo(b.id());
    }

    private final EntityManager em;
    private final RoutingConfig config;
    private final TransactionSynchronizationRegistry transactions;
    private final Map<String, Agent> agents = new ConcurrentHashMap<>();
    private final Map<String, Instant> definedAt = new ConcurrentHashMap<>();
    /** When this instance last changed an agent's definition or presence (nanoTime): a reading begun before does not undo it. */
    private final Map<String, Long> changedHere = new ConcurrentHashMap<>();
    /** Agents whose load a transaction of this instance is changing (how many), and when the last such ended (nanoTime). */
    private final Map<String, Integer> loadChanging = new ConcurrentHashMap<>();
    private final Map<String, Long> loadSettledAt = new ConcurrentHashMap<>();
    private final ReentrantLock refreshing = new ReentrantLock();
    /** Each group's members in {@link #CANDIDATE_ORDER}, kept in order as their load and presence change. */
    private volatile Map<String, NavigableSet<Agent>> ranked = Map.of();
    private volatile Map<String, List<String>> byCustomer = Map.of();
    private volatile long refreshedAt;
    private volatile boolean loaded;
    private volatile boolean stale;
    /** When the last reading of every agent began (nanoTime). */
    private volatile long wholeReadAt;
    /** The oldest transaction (32-bit xid) the last reading could not see: the next one reads the rows it and later ones changed. */
    private volatile long unseenFrom = -1;
    private ScheduledExecutorService reader;

    AgentMemory(EntityManager em, RoutingConfig config, TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.config = config;
        this.transactions = transactions;
    }

    /**
     * Members of any of the groups, candidates first ({@link #CANDIDATE_ORDER}), at most {@code limit}:
     * those left out are busy, away or full, or less suited than those offered.
     */
    public List<Agent> candidates(Collection<String> groupIds, int limit) {
        refreshIfDue();
        Map<String, NavigableSet<Agent>> index = ranked;
        // Each group's members are kept in candidate order: merge their heads until `limit` are found.
        record Head(Agent agent, Iterator<Agent> rest) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>(Math.max(1, groupIds.size()), (x, y) -> CANDIDATE_ORDER.compare(x.agent(), y.agent()));
        for (String group : groupIds) {
            Iterator<Agent> members = index.getOrDefault(group, Collections.emptyNavigableSet()).iterator();
            if (members.hasNext()) {
                heads.add(new Head(members.next(), members));
            }
        }
        Set<String> ids = new HashSet<>();
        List<Agent> found = new ArrayList<>(Math.min(limit, 128));
        while (found.size() < limit && !heads.isEmpty()) {
            Head head = heads.poll();
            Agent current = agents.get(head.agent().id()); // the set may lag a change by a moment; the map is current
            if (current != null && ids.add(current.id())) {
                found.add(current);
            }
            if (head.rest().hasNext()) {
                heads.add(new Head(head.rest().next(), head.rest()));
            }
        }
        found.sort(CANDIDATE_ORDER);
        return found;
    }

    public Optional<Agent> agent(String id) {
        refreshIfDue();
        return Optional.ofNullable(agents.get(id));
    }

    /** The agents who list the customer as theirs (dedicated managers). */
    public List<Agent> managersOf(String customerId) {
        refreshIfDue();
        return byCustomer.getOrDefault(customerId, List.of()).stream().map(agents::get).filter(Objects::nonNull).toList();
    }

    /** This instance claimed one unit of the agent's capacity. */
    void claimed(String id, Instant at) {
        replace(id, a -> new Agent(a.id(), a.name(), a.centre(), a.languages(), a.skills(), a.certifications(),
                a.groups(), a.capacity(), a.load() + 1, a.presence(), at, a.managedCustomers(), a.temporary()));
    }

    /** A claim was refused: the database has the agent full or away (another instance's doing) until the next reading says otherwise. */
    void refused(String id) {
        replace(id, a -> a.withLoad(Math.max(a.load(), a.capacity())));
    }

    /** This instance gave one unit of the agent's capacity back. */
    void released(String id) {
        replace(id, a -> a.withLoad(Math.max(a.load() - 1, 0)));
    }

    /** A transaction of this instance is changing the agent's load (not yet visible to a reading of the desk). */
    void changing(String id) {
        loadChanging.merge(id, 1, Integer::sum);
    }

    /**
     * The transaction that changed these agents' loads ended: a reading begun from now on sees what it
     * did; if it rolled back, the memory reads the desk again.
     */
    void settled(Set<String> ids, boolean committed) {
        long now = System.nanoTime();
        for (String id : ids) {
            loadSettledAt.put(id, now);
            loadChanging.computeIfPresent(id, (k, n) -> n <= 1 ? null : n - 1);
        }
        if (!committed) {
            forget();
        }
    }

    /** A transaction that changed agents rolled back: what the memory applied of it is undone by reading again. */
    void forget() {
        stale = true;
    }

    /**
     * The agent's definition or presence changed here (the load is the memory's own): applied now for
     * this transaction's decisions, and again once it commits, so that a reading of the desk begun
     * before the commit (which saw the old row) does not undo it; forgotten if it rolls back.
     */
    public void changed(AgentRow row) {
        Agent fresh = DeskReader.toAgent(row);
        Instant updatedAt = row.updatedAt == null ? Instant.EPOCH : row.updatedAt;
        apply(fresh, updatedAt);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    apply(fresh, updatedAt);
                } else {
                    forget();
                }
            }
        });
    }

    private synchronized void apply(Agent fresh, Instant updatedAt) {
        Agent old = agents.get(fresh.id());
        Agent now = old == null ? fresh : fresh.withLoad(old.load());
        agents.put(fresh.id(), now);
        rerank(old, now);
        definedAt.put(fresh.id(), updatedAt);
        changedHere.put(fresh.id(), System.nanoTime());
        if (old == null || !old.groups().equals(fresh.groups()) || !old.managedCustomers().equals(fresh.managedCustomers())) {
            reindex();
        }
    }

    void onStart(@Observes StartupEvent event) {
        long period = config.deskRefreshInterval().toMillis();
        reader = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "routing-desk-reading"));
        reader.scheduleWithFixedDelay(this::readQuietly, period, period, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (reader != null) {
            reader.shutdownNow();
        }
    }

    private void readQuietly() {
        try {
            refreshIfDue(1);
        } catch (RuntimeException e) {
            LOG.warnf(e, "reading the desk failed; the next decision reads it");
            stale = true;
        }
    }

    /**
     * The desk is read every interval by its own thread; a decision reads it itself only when the
     * memory is not loaded, stale (a transaction rolled back) or that thread has missed several turns.
     */
    private void refreshIfDue() {
        refreshIfDue(MISSED_TURNS);
    }

    private void refreshIfDue(int intervals) {
        long due = config.deskRefreshInterval().toNanos() * intervals;
        long now = System.nanoTime();
        if (loaded && !stale && now - refreshedAt < due) {
            return;
        }
        if (!refreshing.tryLock()) {
            if (loaded && !stale) {
                return; // another thread is reading it; the current memory serves meanwhile
            }
            refreshing.lock();
        }
        try {
            if (loaded && !stale && System.nanoTime() - refreshedAt < due) {
                return;
            }
            boolean whole = !loaded || stale || System.nanoTime() - wholeReadAt >= config.deskFullRefreshInterval().toNanos();
            stale = false;
            long began = System.nanoTime();
            refresh(whole);
            refreshedAt = System.nanoTime();
            if (whole) {
                wholeReadAt = began;
            }
            loaded = true;
        } finally {
            refreshing.unlock();
        }
    }

    /**
     * Reads the agents' state: of every agent ({@code whole}: also forgets those gone), or of those whose
     * row a transaction changed since the last reading began (their {@code xmin} is not older than the
     * oldest transaction that reading could not see); reads whole those new or redefined.
     */
    @SuppressWarnings("unchecked")
    private void refresh(boolean whole) {
        record State(int capacity, int load, Presence presence, Instant lastAssignedAt, Instant updatedAt) {
        }
        Map<String, State> states = new HashMap<>();
        long began = System.nanoTime();
        long since = whole ? -1 : unseenFrom;
        long[] horizon = {-1};
        List<AgentRow> redefined = QuarkusTransaction.requiringNew().call(() -> {
            // Every transaction older than this had ended before the reading below: the next reading starts from it.
            horizon[0] = ((Number) em.createNativeQuery("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint % 4294967296")
                    .getSingleResult()).longValue();
            String select = "select id, capacity, load, presence, last_assigned_at, updated_at from agent";
            List<Object[]> rows = since < FIRST_NORMAL_XID ? em.createNativeQuery(select).getResultList()
                    : em.createNativeQuery(select + " where age(xmin) <= age(cast(cast(?1 as text) as xid))").setParameter(1, since).getResultList();
            for (Object[] r : rows) {
                states.put((String) r[0], new State(((Number) r[1]).intValue(), ((Number) r[2]).intValue(),
                        Presence.valueOf((String) r[3]), instant(r[4]), instant(r[5])));
            }
            List<String> changed = states.entrySet().stream()
                    .filter(e -> !Objects.equals(definedAt.get(e.getKey()), e.getValue().updatedAt())).map(Map.Entry::getKey).toList();
            return changed.isEmpty() ? List.of() : AgentRow.list("id in ?1", changed);
        });
        unseenFrom = horizon[0];
        changedHere.values().removeIf(at -> at - began < 0);
        Set<String> keep = new HashSet<>(changedHere.keySet()); // changed here while reading: this reading may predate their commit
        states.keySet().removeAll(keep);
        boolean membership = !redefined.isEmpty() || (whole && !states.keySet().equals(agents.keySet()));
        for (AgentRow row : redefined) {
            if (!keep.contains(row.id)) {
                put(DeskReader.toAgent(row));
                definedAt.put(row.id, row.updatedAt == null ? Instant.EPOCH : row.updatedAt);
            }
        }
        if (whole) {
            keep.addAll(states.keySet());
            agents.keySet().retainAll(keep);
            definedAt.keySet().retainAll(keep);
        }
        loadSettledAt.values().removeIf(at -> at - began < 0);
        // A load this instance is changing, or changed after the reading began, is the memory's own: the reading predates it.
        states.forEach((id, s) -> {
            Agent a = agents.get(id);
            int load = loadChanging.containsKey(id) || loadSettledAt.containsKey(id) || a == null ? -1 : s.load();
            if (a != null && a.capacity() == s.capacity() && (load < 0 || a.load() == load) && a.presence() == s.presence()
                    && Objects.equals(a.lastAssignedAt(), s.lastAssignedAt())) {
                return; // as the memory has it already (mostly this instance's own claims and releases)
            }
            replace(id, m -> new Agent(m.id(), m.name(), m.centre(), m.languages(), m.skills(), m.certifications(), m.groups(),
                    s.capacity(), load < 0 ? m.load() : load, s.presence(), s.lastAssignedAt(), m.managedCustomers(), m.temporary()));
        });
        if (membership) {
            reindex();
        }
    }

    /**
     * Changes one agent (in memory) and keeps their place in their groups' candidate order. Changes are
     * serialised, so that a group's ordered members never keep an agent's outdated place.
     */
    private synchronized void replace(String id, UnaryOperator<Agent> change) {
        Agent old = agents.get(id);
        if (old != null) {
            Agent fresh = change.apply(old);
            agents.put(id, fresh);
            rerank(old, fresh);
        }
    }

    private synchronized void put(Agent fresh) {
        rerank(agents.put(fresh.id(), fresh), fresh);
    }

    private void rerank(Agent old, Agent fresh) {
        Map<String, NavigableSet<Agent>> index = ranked;
        if (old != null) {
            if (old.groups().equals(fresh.groups()) && CANDIDATE_ORDER.compare(old, fresh) == 0) {
                return; // same place
            }
            old.groups().forEach(g -> Optional.ofNullable(index.get(g)).ifPresent(members -> members.remove(old)));
        }
        fresh.groups().forEach(g -> Optional.ofNullable(index.get(g)).ifPresent(members -> members.add(fresh)));
    }

    private synchronized void reindex() {
        Map<String, List<String>> customers = new HashMap<>();
        Map<String, NavigableSet<Agent>> ordered = new HashMap<>();
        for (Agent a : agents.values()) {
            a.groups().forEach(g -> ordered.computeIfAbsent(g, k -> new ConcurrentSkipListSet<>(CANDIDATE_ORDER)).add(a));
            a.managedCustomers().forEach(c -> customers.computeIfAbsent(c, k -> new ArrayList<>()).add(a.id()));
        }
        customers.values().forEach(list -> list.sort(Comparator.naturalOrder()));
        byCustomer = customers;
        ranked = ordered;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp " + value.getClass());
    }
}
