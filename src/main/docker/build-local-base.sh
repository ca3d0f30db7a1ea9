#!/usr/bin/env bash
# Makes the local base images that stand in for the registry ones where no container registry is reachable (CI, a
# machine behind a firewall), with podman, from Debian packages only:
#   localhost/model-registry/base-jvm:17    Debian bookworm with OpenJDK 17 (JRE), in the shape of UBI's
#                                           openjdk-17-runtime: user 185, /deployments, a run-java.sh entry point
#   localhost/model-registry/base-tiny:1    a static busybox: a shell and the tools the native Dockerfiles' RUN steps use
# Then build on them with --build-arg BASE_IMAGE=... (see docs/containers.md).
#
# Idempotent: an image already in podman's storage from this version of the script is kept. The Debian root file
# system is cached as a tarball under $MODEL_REGISTRY_CACHE (default ~/.cache/model-registry, which ./mvnw clean
# leaves alone), so a missing image is rebuilt in seconds. Needs root (debootstrap, chroot), podman, debootstrap and
# busybox-static. Prints what it does.
set -euo pipefail

JVM_IMAGE=localhost/model-registry/base-jvm:17
TINY_IMAGE=localhost/model-registry/base-tiny:1
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
cache=${MODEL_REGISTRY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/model-registry}/container-base
# a change to this script is a change of recipe: images and cached tarballs of an older recipe are not reused
recipe=$(sha256sum "$0" | cut -c1-12)

say() { echo "build-local-base: $*"; }

current() {  # true when the image exists and was made by this recipe
  [ "$(podman image inspect --format '{{index .Labels "model-registry.base-recipe"}}' "$1" 2>/dev/null)" = "$recipe" ]
}

for tool in podman debootstrap busybox; do
  command -v "$tool" >/dev/null || { say "$tool is missing: apt-get install podman debootstrap busybox-static"; exit 1; }
done
mkdir -p "$cache"

# The stand-in for UBI's /opt/jboss/container/java/run/run-java.sh: the same inputs that Dockerfile.jvm and the
# Kubernetes manifest set (JAVA_APP_JAR, JAVA_OPTS, JAVA_OPTS_APPEND, JAVA_MAX_MEM_RATIO), and exec, so that the JVM is
# the container's main process and receives SIGTERM itself.
run_java_sh() {
  cat <<'EOF'
#!/bin/sh
# Local stand-in for the UBI OpenJDK images' run-java.sh (model-registry build-local-base.sh)
set -e
options="${JAVA_OPTS:-}"
if [ -n "${JAVA_MAX_MEM_RATIO:-}" ]; then
  options="-XX:MaxRAMPercentage=${JAVA_MAX_MEM_RATIO} $options"
fi
# shellcheck disable=SC2086
exec java $options ${JAVA_OPTS_APPEND:-} -jar "${JAVA_APP_JAR:?JAVA_APP_JAR is not set}" "$@"
EOF
}

build_jvm_base() {
  local tarball="$cache/base-jvm-$recipe.tar"
  if [ ! -f "$tarball" ]; then
    local rootfs
    rootfs=$(mktemp -d "$cache/rootfs.XXXXXX")
    trap "umount '$rootfs/proc' 2>/dev/null || true; rm -rf '$rootfs'" EXIT
    say "debootstrap bookworm (minbase) from $MIRROR into $rootfs"
    local log="$cache/base-jvm.log"
    debootstrap --variant=minbase bookworm "$rootfs" "$MIRROR" >"$log" 2>&1 || { tail -n 20 "$log"; exit 1; }
    echo "deb $SECURITY_MIRROR bookworm-security main" >>"$rootfs/etc/apt/sources.list"
    cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
    mount -t proc proc "$rootfs/proc"
    say "installing openjdk-17-jre-headless in the root file system"
    chroot "$rootfs" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends openjdk-17-jre-headless && apt-get clean' >>"$log" 2>&1 || { tail -n 20 "$log"; exit 1; }
    umount "$rootfs/proc"
    say "user 185 (group 0), /deployments and run-java.sh, as in UBI's openjdk-17-runtime"
    chroot "$rootfs" sh -c 'useradd --uid 185 --gid 0 --home-dir /home/default --create-home default \
        && mkdir -p /deployments /opt/jboss/container/java/run && chown 185:0 /deployments' >>"$log" 2>&1
    run_java_sh >"$rootfs/opt/jboss/container/java/run/run-java.sh"
    chmod 0755 "$rootfs/opt/jboss/container/java/run/run-java.sh"
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs/etc/resolv.conf"
    say "caching the root file system as $tarball"
    find "$cache" -maxdepth 1 -name 'base-jvm-*.tar' -delete  # older recipes
    tar --numeric-owner -C "$rootfs" -cf "$tarball.partial" .
    mv "$tarball.partial" "$tarball"
    rm -rf "$rootfs"
    trap - EXIT
  else
    say "using the cached root file system $tarball"
  fi
  say "importing $tarball as $JVM_IMAGE"
  podman import --quiet \
    --change 'USER 185' --change 'WORKDIR /home/default' \
    --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
    --change "LABEL model-registry.base-recipe=$recipe" \
    --change 'CMD ["/bin/bash"]' \
    "$tarball" "$JVM_IMAGE" >/dev/null
}

build_tiny_base() {
  local root
  root=$(mktemp -d)
  say "static busybox from $(command -v busybox) as the tiny base"
  mkdir -p "$root/bin" "$root/tmp" "$root/etc"
  chmod 1777 "$root/tmp"
  cp "$(command -v busybox)" "$root/bin/busybox"
  for applet in sh cat chmod chown echo id ls mkdir pwd rm stat touch; do
    ln -s busybox "$root/bin/$applet"
  done
  echo 'root:x:0:0:root:/:/bin/sh' >"$root/etc/passwd"
  echo 'root:x:0:' >"$root/etc/group"
  tar --numeric-owner --owner=0 --group=0 -C "$root" -cf - . \
    | podman import --quiet --change 'ENV PATH=/bin' --change "LABEL model-registry.base-recipe=$recipe" \
      --change 'CMD ["/bin/sh"]' - "$TINY_IMAGE" >/dev/null
  rm -rf "$root"
}

if current "$JVM_IMAGE"; then say "$JVM_IMAGE is there (recipe $recipe)"; else build_jvm_base; fi
if current "$TINY_IMAGE"; then say "$TINY_IMAGE is there (recipe $recipe)"; else build_tiny_base; fi
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '^localhost/model-registry/base-' \
  | sed 's/^/build-local-base: /'
