# Switchboard: the two commands first, then the pieces they are made of.
.PHONY: run stop test build stack-up stack-down stack-status release-schemas bench clean token

MVNW := ./mvnw -B

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

## make bench: intake throughput and latency against the local stack (figures for docs/benchmarks.md).
bench:
	@bench/intake.sh

clean:
	$(MVNW) -q clean
