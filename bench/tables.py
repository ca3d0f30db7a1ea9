"""Writes bench/README.md's results tables from a results file of bench/run.sh, between the markers
<!-- results:begin --> and <!-- results:end -->, so that the tables are generated from the JSON and never typed.

usage: python3 bench/tables.py bench/results/DATE.json [--readme bench/README.md] [--print] [--allow-unreportable]
  --print                print the tables instead of writing them into the README
  --allow-unreportable   also take a run marked not reportable (--ignore-load, BENCH_* overrides); the tables then
                         say so in their first line. For checking the script only: such tables are not to be committed.
"""
import argparse
import json
import pathlib
import sys

BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"
NAMES = {"model-registry": "Model Registry", "model-registry-uncached": "Model Registry, token cache off",
         "fastapi": "FastAPI", "spring-webflux": "Spring WebFlux", "vertx-raw": "raw Vert.x"}
REQUESTS = {"S1": "`GET /models/{id}`", "S2": "`GET /models?framework=X&size=20`",
            "S3": "`GET /users/{id}?expand=models`", "S4": "`POST /users/{id}/models`", "S5": "mix",
            "S6": "`GET /models/{id}/aliases/production`"}
# issue 16's goals on S1-S3, Model Registry (both variants) over each peer
RATIO_GOALS = {"vertx-raw": 0.8, "fastapi": 5.0, "spring-webflux": 1.3}
GOAL_SCENARIOS = ("S1", "S2", "S3")
P99_GOAL_MS = 10.0


def name(impl):
    return NAMES.get(impl, impl)


def met(ok):
    return "met" if ok else "**missed**"


def tables(run, source):
    impls = run["implementations"]
    results = {(r["implementation"], r["scenario"]): r for r in run["results"]}
    scenarios = [s for s in REQUESTS if any(k[1] == s for k in results)]
    out = []
    load = run["loadCheck"]
    v = run["versions"]
    out += [f"`bench/results/{source}.json`, chart `bench/results/{source}.png`. {run['machine']}; "
            f"{run['models']:,} models; {run['rounds']} interleaved rounds of {run['duration']} per scenario and "
            f"implementation, {run['connections']} connections, pool of {run['poolSize']} each. CPU busy before the "
            f"start: {load['cpuBusyPercent']}% over {load['seconds']} s (limit {load['maxBusyPercent']:g}%).",
            "",
            f"Versions: JDK {v.get('jdk')}, PostgreSQL {v.get('postgresql')}, wrk {v.get('wrk')}; Quarkus "
            f"{v.get('quarkus')}; Python {v.get('python')}, FastAPI {v.get('fastapi')}, uvicorn {v.get('uvicorn')}, "
            f"uvloop {v.get('uvloop')}, httptools {v.get('httptools')}, SQLAlchemy {v.get('sqlalchemy')}, asyncpg "
            f"{v.get('asyncpg')}; Spring Boot {v.get('springBoot')} (r2dbc-postgresql {v.get('r2dbcPostgresql')}); "
            f"Vert.x {v.get('vertx')}."
            + (f" FastAPI's workers reported: {'; '.join(run['fastapiRuns'])}." if run.get("fastapiRuns") else ""),
            ""]

    # throughput
    out += ["Requests/s (p50 / p99 ms), medians over the rounds:", "",
            "| Scenario | " + " | ".join(name(i) for i in impls) + " |",
            "|---|" + "---:|" * len(impls)]
    for s in scenarios:
        cells = []
        for i in impls:
            r = results.get((i, s))
            cells.append(f"{r['requestsPerSecond']:,.0f} ({r['p50Ms']:.2f} / {r['p99Ms']:.2f})" if r else "n/a")
        out.append(f"| {s} {REQUESTS[s]} | " + " | ".join(cells) + " |")
    out.append("")

    # ratios
    out += ["Model Registry ÷ peer, taken per round: median (min / max relative to the median). Goal on S1–S3 in the "
            "last column.", "",
            "| Model Registry | peer | " + " | ".join(scenarios) + " | goal S1–S3 |",
            "|---|---|" + "---:|" * len(scenarios) + "---|"]
    goal_rows = []
    for r_impl in [i for i in impls if i.startswith("model-registry")]:
        for peer in [i for i in impls if not i.startswith("model-registry")]:
            found = {r["scenario"]: r for r in run["ratios"] if r["implementation"] == r_impl and r["peer"] == peer}
            cells = [f"{found[s]['median']:.2f} ({found[s]['minPercent']:+.0f}% / {found[s]['maxPercent']:+.0f}%)"
                     if s in found else "n/a" for s in scenarios]
            goal = RATIO_GOALS.get(peer)
            verdict = ""
            if goal is not None and all(s in found for s in GOAL_SCENARIOS):
                ok = all(found[s]["median"] >= goal for s in GOAL_SCENARIOS)
                verdict = f"≥ {goal:g}: {met(ok)}"
                goal_rows.append((f"S1–S3 ≥ {goal:g}× {name(peer)} ({name(r_impl)})",
                                  ", ".join(f"{found[s]['median']:.2f}×" for s in GOAL_SCENARIOS), met(ok)))
            out.append(f"| {name(r_impl)} | {name(peer)} | " + " | ".join(cells) + f" | {verdict} |")
    out.append("")
    limit = run["maxSpreadPercent"]
    set_aside = [r for r in run["ratios"] if max(-r["minPercent"], r["maxPercent"]) > limit]
    if set_aside:
        out += [f"Rounds that strayed more than ±{limit:g}% and that the refusal set aside (one per ratio at most; "
                "the spreads above include them):", ""]
        out += [f"- {name(r['implementation'])} ÷ {name(r['peer'])} {r['scenario']}: round {r['setAsideRound']} at "
                f"{r['perRound'][r['setAsideRound'] - 1]:.3f}; the other rounds {r['gateMinPercent']:+.1f}% / "
                f"{r['gateMaxPercent']:+.1f}% off the median {r['median']:.3f}" for r in set_aside]
        out.append("")

    # half of the peak
    if run["halfPeak"]:
        out += ["Model Registry (default settings) at half of its peak, paced, after the rounds:", "",
                "| Scenario | peak req/s | target req/s | achieved req/s | p50 ms | p99 ms (goal ≤ 10) | non-2xx |",
                "|---|---:|---:|---:|---:|---:|---:|"]
        for p in run["halfPeak"]:
            peak = results.get((p["implementation"], p["scenario"]), {}).get("requestsPerSecond", 0)
            out.append(f"| {p['scenario']} | {peak:,.0f} | {p['targetRequestsPerSecond']:,.0f} | "
                       f"{p['requestsPerSecond']:,.0f} | {p['p50Ms']:.2f} | {p['p99Ms']:.2f} | {p['non2xx']} |")
        out.append("")
        worst = max(run["halfPeak"], key=lambda p: p["p99Ms"])
        goal_rows.append(("p99 ≤ 10 ms at half of peak",
                          f"{min(p['p99Ms'] for p in run['halfPeak']):.2f} to {worst['p99Ms']:.2f} ms",
                          met(worst["p99Ms"] <= P99_GOAL_MS)))
    goal_rows.append(("zero non-2xx", f"{run['non2xxTotal']} over every run, peak and half-peak",
                      met(run["non2xxTotal"] == 0)))
    s6 = run.get("s6", {}).get("modelRegistryS6OverS1")
    if s6:
        goal_rows.append(("S6 ≥ 0.9× Model Registry's own S1 (read from `bench/ratio.sh`; here for reference)",
                          f"{s6['median']:.2f} ({s6['minPercent']:+.0f}% / {s6['maxPercent']:+.0f}%)",
                          met(s6["median"] >= 0.9)))

    out = ["| Goal | Measured | |", "|---|---|---|"] + [f"| {g} | {m} | {v} |" for g, m, v in goal_rows] + [""] + out
    if not run.get("reportable", False):
        out = ["**NOT REPORTABLE** (for checking the script only): "
               + "; ".join(run.get("notReportableBecause") or ["not marked reportable"]), ""] + out
    return "\n".join(out).rstrip() + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json")
    parser.add_argument("--readme", default=str(pathlib.Path(__file__).with_name("README.md")))
    parser.add_argument("--print", action="store_true")
    parser.add_argument("--allow-unreportable", action="store_true")
    args = parser.parse_args()
    run = json.loads(pathlib.Path(args.json).read_text())
    if "ratios" not in run:
        sys.exit(f"{args.json} is not from an interleaved run of bench/run.sh (no ratios)")
    if not run.get("reportable", False) and not args.allow_unreportable:
        sys.exit(f"{args.json} is marked not reportable ({'; '.join(run.get('notReportableBecause', []))}); "
                 "its tables do not go into the README")
    text = tables(run, pathlib.Path(args.json).stem)
    if args.print:
        sys.stdout.write(text)
        return
    readme = pathlib.Path(args.readme)
    lines = readme.read_text().split("\n")
    # the markers count on lines of their own: the README also names them in its text
    begins = [n for n, line in enumerate(lines) if line.strip() == BEGIN]
    ends = [n for n, line in enumerate(lines) if line.strip() == END]
    if len(begins) != 1 or len(ends) != 1 or begins[0] > ends[0]:
        sys.exit(f"{readme} needs exactly one line {BEGIN} followed by one line {END}")
    lines[begins[0] + 1:ends[0]] = text.rstrip("\n").split("\n")
    readme.write_text("\n".join(lines))
    print(f"wrote the results tables of {args.json} into {readme}")


if __name__ == "__main__":
    main()
