#!/usr/bin/env bash
# Runs the GraalVM native image builder from Maven Central over target/native-sources (what
# `./mvnw package -Dnative -Dquarkus.native.sources-only=true` writes): class loading, build-time class
# initialisation, points-to analysis with the reflection and resource registrations, compilation of every reachable
# method, and the image heap, up to the relocatable object file. It stops there (-H:+ExitAfterRelocatableImageWrite):
# no executable is linked or run. A builder error fails the script. See docs/native.md.
#
# Needs a JDK 25 with JVMCI (Temurin's, under /usr/lib/jvm on this kind of machine; NATIVE_ANALYSIS_JDK overrides)
# and gcc. Everything else comes from Maven Central through ./mvnw or is written in src/native-analysis/.
# NATIVE_ANALYSIS_XMX bounds the builder's heap (default 8g).
set -euo pipefail
cd "$(dirname "$0")/../.."

work=target/native-analysis
sources=target/native-sources
heap=${NATIVE_ANALYSIS_XMX:-8g}
jdk=${NATIVE_ANALYSIS_JDK:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1)}

if [ -z "$jdk" ] || ! "$jdk/bin/java" --list-modules 2>/dev/null | grep -q '^jdk.internal.vm.ci@'; then
  echo "native analysis: no JDK 25 with JVMCI found (looked for /usr/lib/jvm/temurin-25*; set NATIVE_ANALYSIS_JDK)" >&2
  exit 1
fi
if [ ! -f "$sources/native-image.args" ]; then
  ./mvnw -q package -Dnative -Dquarkus.native.sources-only=true -DskipTests
fi
started=$(date +%s)

echo "-- builder jars from Maven Central"
./mvnw -q -f src/native-analysis/pom.xml dependency:copy-dependencies
builder_cp=$(ls "$work"/builder/*.jar | tr '\n' ':')

# The builder loads its progress helper from <java.home>/lib/svm/builder/lib, so it runs on a copy of the JDK
# (hard links where the file system allows them: no space taken) that holds the helper compiled from source.
echo "-- JDK copy with the builder's JNI helper, and libchelper headers"
rm -rf "$work/jdk" "$work/clibraries" "$work/image"
cp -al "$jdk" "$work/jdk" 2>/dev/null || cp -a "$jdk" "$work/jdk"
mkdir -p "$work/jdk/lib/svm/builder/lib" "$work/image"
gcc -shared -fPIC -O2 -Wall -Wno-unused-parameter -I"$jdk/include" -I"$jdk/include/linux" \
  -o "$work/jdk/lib/svm/builder/lib/libreporterchelper.so" src/native-analysis/reporterchelper.c
"$jdk/bin/java" -cp "$builder_cp" src/native-analysis/CHeaders.java "$work/clibraries" >/dev/null

echo "-- builder command from $sources/native-image.args"
"$jdk/bin/java" src/native-analysis/BuilderCommand.java "$sources" "$work/builder" "$work/clibraries" \
  "$work/image" "$work/builder.args" "$heap"

echo "-- native-image builder (analysis and compilation, no link)"
# the builder prints its own peak RSS; GNU time, where installed, adds the whole process's wall time and peak RSS
timer=()
if [ -x /usr/bin/time ]; then
  timer=(/usr/bin/time -f 'builder process: %e s wall, peak RSS %M KB')
fi
set +e
# the compiler jar asks for JDK 25.0.4+7 or later; it analyses and compiles this application on Temurin 25.0.3, so
# the version check only warns
(cd "$work/image" && JVMCI_VERSION_CHECK=warn "${timer[@]}" ../jdk/bin/java @../builder.args) 2>&1 \
  | tee "$work/builder.log"
status=${PIPESTATUS[0]}
set -e

object=$(find "$work/image" -name '*.o' 2>/dev/null | head -n 1)
echo "native analysis: builder exit status $status, $(( $(date +%s) - started )) s in all"
if [ "$status" -ne 0 ] || [ -z "$object" ] || grep -q -E '^(Error|Fatal error)' "$work/builder.log"; then
  echo "native analysis FAILED: see $work/builder.log" >&2
  exit 1
fi
# The builder returns before its [8/8] summary when it stops after the object file, so the image's size is read off
# the object file: its code and image heap sections are what the executable would carry, before linking.
echo "native analysis passed: relocatable object $object, $(du -m "$object" | cut -f1) MB; no executable is linked here"
size -A "$object" | awk '$1 == ".text" { printf "  code area (.text)        %7.1f MB\n", $2 / 1048576 }
                         $1 == ".svm_heap" { printf "  image heap (.svm_heap)   %7.1f MB\n", $2 / 1048576 }
                         $1 == "Total" { printf "  all sections             %7.1f MB\n", $2 / 1048576 }'
