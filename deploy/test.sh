#!/usr/bin/env bash
# `make test`: starts the servers of the local stack that are not up, runs every test, and stops
# again only the servers it started (a server that was already up is left running).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

# What is down now is what this run starts; `stack.sh up` below refuses ports held by another
# stack (unless SWITCHBOARD_STACK_SHARED=1), with a message saying whose they are.
STARTED=()
while read -r server state; do
  if [[ $state == down ]]; then STARTED+=("$server"); fi
done < <(deploy/stack.sh check 2> /dev/null || true)
if (( ${#STARTED[@]} )); then
  trap 'deploy/stack.sh down "${STARTED[@]}"' EXIT
fi
deploy/stack.sh up
./mvnw -B verify "$@"
