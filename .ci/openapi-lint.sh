#!/usr/bin/env bash
# Lints the OpenAPI document with Redocly CLI (pinned; rules in .ci/redocly.yaml). Fails on any error; warnings are
# printed. The document is the one the build writes (quarkus.smallrye-openapi.store-schema-directory), the same that
# /q/openapi serves.
set -euo pipefail
cd "$(dirname "$0")/.."
redocly=@redocly/cli@2.77.0
document=target/openapi/openapi.json

if ! command -v npx >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
# REUSE_BUILD=1 (.ci/run, right after ./mvnw verify) takes target/ as it is; otherwise the service is packaged anew
if [ "${REUSE_BUILD:-}" != 1 ] || [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -f target/openapi/openapi.json ]; then
  ./mvnw -q package -DskipTests
fi
npx --yes "$redocly" lint --config .ci/redocly.yaml "$document"
