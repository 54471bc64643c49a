# Switchboard: the two commands first, then the pieces they are made of.
.PHONY: run stop test build stack-up stack-down stack-status release-schemas dlq-replay bench bench-routing bench-escalation bench-compensation chaos clean token

MVNW := ./mvnw -B
# Recipes source deploy/stack-env.sh, which is bash.
SHELL := /bin/bash

## make run: build, start the local stack and all five services; Ctrl-C or `make stop` ends it.
run:
	@deploy/run.sh start

## make token ROLE=agent SUB=agent-7 [CUSTOMER=cust-1] [TTL=3600]: a bearer token for the local services,
## signed with the local key that `make run` makes (.stack/jwt/). Roles: system agent supervisor operator
## partner customer (a customer token needs CUSTOMER). Use: curl -H "Authorization: Bearer $$(make -s token ...)".
token:
	@ROOT="$(CURDIR)"; . deploy/stack-env.sh; \
	  $${JAVA_HOME:+$$JAVA_HOME/bin/}java deploy/src/script/LocalTokens.java token "$$SWITCHBOARD_STACK_DIR/jwt" \
	  "$(ROLE)" "$(SUB)" "$(CUSTOMER)" "$(TTL)"

## make stop: stop the services and the local stack started by `make run`.
stop:
	@deploy/run.sh stop

## make test: every test, unit and integration, against a real stack started (and stopped) here.
test:
	@deploy/test.sh

build:
	$(MVNW) -q install -DskipTests

stack-up:
	@deploy/stack.sh up

stack-down:
	@deploy/stack.sh down

stack-status:
	@deploy/stack.sh status

## make release-schemas: record the current schemas as the released ones the gate checks against.
release-schemas:
	$(MVNW) -q -f contracts/pom.xml process-classes exec:java@release-schemas

## make dlq-replay TOPIC=support.tickets.v1.dlq [GROUP=<consumer group>] [REASON=<text>] [DRY_RUN=1] [REPLAY_GROUP=<name>]:
## re-publish dead letters to their original topic after a fix (docs/operations.md, "Replaying dead letters").
dlq-replay:
	@test -n "$(TOPIC)" || { echo "usage: make dlq-replay TOPIC=<topic>.dlq [GROUP=<consumer group>] [REASON=<text>] [DRY_RUN=1] [REPLAY_GROUP=<name>]" >&2; exit 2; }
	@$(MVNW) -q -pl services/eventing-core -am process-classes dependency:build-classpath \
		-Dmdep.outputFile=target/runtime.classpath -Dmdep.includeScope=runtime
	@java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "services/eventing-core/target/classes:$$(cat services/eventing-core/target/runtime.classpath)" \
		io.switchboard.eventing.DeadLetterReplay --topic "$(TOPIC)" \
		$(if $(GROUP),--group "$(GROUP)") $(if $(REASON),--reason "$(REASON)") \
		$(if $(REPLAY_GROUP),--replay-group "$(REPLAY_GROUP)") $(if $(DRY_RUN),--dry-run)

## make bench: the figures side by side in one run, on a stack of its own (about 30 min): intake alone at fixed
## rates beside a null endpoint, the whole mesh at 250 tickets/s for 10 min, the peers (Request Tracker 5,
## Alertmanager; installed with apt-get when missing, as root), the ratios (docs/benchmarks.md).
## The parts alone: bench/intake.sh [RATE...], bench/mesh.sh [RATE] [SECONDS], bench/peers.sh.
bench:
	@bench/all.sh

## make bench-routing: TicketOpened -> TicketAssigned latency at steady state (figures for docs/benchmarks.md).
bench-routing:
	@bench/routing.sh

## make bench-escalation: SLA timers firing under load, lag from due time to the topic (figures for docs/benchmarks.md).
## CLOCKS (default 1000000), WINDOW seconds (3600), MEASURE seconds (the window).
bench-escalation:
	@bench/escalation.sh $(or $(CLOCKS),1000000) $(or $(WINDOW),3600) $(or $(MEASURE),$(or $(WINDOW),3600))

## make bench-compensation: a month of outages for 100,000 subscriptions, credits and statements (docs/benchmarks.md).
bench-compensation:
	@bench/compensation.sh

## make chaos [FAULTS="kafka services startup postgresql registry poison replay"] [RATE=30]: fault runs under load, each
## with its verdict (lost N, doubled N), on a stack and mesh of its own (other ports, .stack-chaos/): never the
## shared stack nor `make run`'s. At most 5 minutes per run, 40 in all; not part of `make test` (docs/operations.md).
chaos:
	@CHAOS_RATE=$(or $(RATE),30) bench/chaos.sh $(FAULTS)

clean:
	$(MVNW) -q clean
