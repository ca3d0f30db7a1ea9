#!/usr/bin/env bash
# Containers, without a registry (docs/containers.md): installs podman and the tools for the local base images when
# missing, makes those images (cached between runs on one machine, rebuilt when missing), then
# ./mvnw verify -Pcontainer,local-base: the JVM image from src/main/docker/Dockerfile.jvm, the API tests against it,
# the image's own checks and the native Dockerfiles around a stand-in. Prints each step's duration and the image sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
export CONTAINERS_CONF="$PWD/.ci/containers.conf"

timed() { local name=$1 start=$SECONDS; shift; "$@"; echo "container step \"$name\": $((SECONDS - start)) s"; }
install_tools() {
  if ! command -v podman >/dev/null || ! command -v debootstrap >/dev/null || ! command -v busybox >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc uidmap debootstrap busybox-static >/dev/null
  fi
  podman --version
}
container_tests() {
  ./mvnw verify -Pcontainer,local-base -Dquarkus.http.test-port=0 2>&1 | tee "$log"
  return "${PIPESTATUS[0]}"
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
timed "install podman, debootstrap, busybox-static" install_tools
timed "local base images" src/main/docker/build-local-base.sh
timed "JVM image, API tests against it, image checks" container_tests
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep 'model-registry' | sed 's/^/image size: /'
awk '/^\[INFO\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$/ {
       gsub(/,/, ""); run += $4; failed += $6 + $8; skipped += $10 }
     END { printf "container tests: %d passed, %d failed, %d skipped\n", run - failed - skipped, failed, skipped }' "$log"
