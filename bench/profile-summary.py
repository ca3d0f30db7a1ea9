#!/usr/bin/env python3
"""Sums `jfr print --events jdk.ExecutionSample` output (stdin): self time by library and the hottest methods."""
import collections
import re
import sys

# the first matching prefix names a frame's library; the order puts our code and the specific libraries first
LIBRARIES = [
    ("com.modelregistry.", "Model Registry"),
    ("org.hibernate.reactive.", "Hibernate Reactive"),
    ("org.hibernate.", "Hibernate ORM"),
    ("io.quarkus.hibernate", "Quarkus Hibernate/Panache"),
    ("io.vertx.pgclient.", "Vert.x PG client"),
    ("io.vertx.sqlclient.", "Vert.x SQL client"),
    ("io.vertx.", "Vert.x core/web"),
    ("io.netty.", "Netty"),
    ("com.fasterxml.jackson.", "Jackson"),
    ("org.jose4j.", "JWT (jose4j)"),
    ("io.smallrye.jwt.", "JWT (SmallRye)"),
    ("io.quarkus.security", "Quarkus security"),
    ("io.quarkus.smallrye.jwt", "JWT (SmallRye)"),
    ("io.smallrye.mutiny.", "Mutiny"),
    ("org.jboss.resteasy.reactive.", "Quarkus REST"),
    ("io.quarkus.resteasy.reactive.", "Quarkus REST"),
    ("io.quarkus.vertx.", "Quarkus Vert.x"),
    ("io.quarkus.arc", "ArC (CDI)"),
    ("io.quarkus.", "Quarkus other"),
    ("io.smallrye.", "SmallRye other"),
    ("java.math.", "JDK BigInteger (RSA)"),
    ("sun.security.", "JDK security (RSA)"),
    ("java.", "JDK"),
    ("jdk.", "JDK"),
    ("sun.", "JDK"),
]


def library(frame):
    for prefix, name in LIBRARIES:
        if frame.startswith(prefix):
            return name
    return "other"


def main():
    samples = []
    stack = None
    for line in sys.stdin:
        line = line.strip()
        if line.startswith("stackTrace = ["):
            stack = []
        elif stack is not None and line == "]":
            samples.append(stack)
            stack = None
        elif stack is not None and line and line != "...":
            stack.append(re.sub(r"\(.*$", "", line).split(" line:")[0].strip())
    if not samples:
        print("no execution samples")
        return
    by_library = collections.Counter()
    by_method = collections.Counter()
    for frames in samples:
        by_method[frames[0]] += 1
        # self time goes to the innermost frame outside the JDK when the JDK only does the library's work
        owner = next((library(f) for f in frames if library(f) not in ("JDK", "other")), library(frames[0]))
        if library(frames[0]) in ("JDK BigInteger (RSA)", "JDK security (RSA)"):
            owner = library(frames[0])
        by_library[owner] += 1
    total = len(samples)
    print(f"{total} execution samples")
    print("\nself time by library (innermost non-JDK frame)")
    for name, count in by_library.most_common():
        print(f"  {100.0 * count / total:5.1f}%  {name}")
    print("\nhottest methods (innermost frame)")
    for name, count in by_method.most_common(15):
        print(f"  {100.0 * count / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
