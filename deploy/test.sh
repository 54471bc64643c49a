#!/usr/bin/env bash
# `make test`: starts the local stack unless it is already up, runs every test, and stops the
# stack again if it started it.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

if ! deploy/stack.sh status > /dev/null 2>&1; then
  trap 'deploy/stack.sh down' EXIT
fi
deploy/stack.sh up
./mvnw -B verify "$@"
