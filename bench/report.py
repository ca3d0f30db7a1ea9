"""bench/run.sh's report: per-scenario medians over the rounds, Model Registry's ratios to each peer taken per round
(median, min and max, and how far those stray from the median), Model Registry at half of its peak; then either the
results JSON or a refusal.

usage: report.py RESULTS.tsv PACED.tsv META_JSON OUT.json
       report.py combine SLICES.tsv > RESULTS.tsv
  SLICES.tsv   round, implementation, scenario, requests, seconds, p50, p99, non-2xx (wrk's units), one line per slice
  RESULTS.tsv  round, implementation, scenario, requests/s, p50, p99, non-2xx, one line per round: its slices'
               requests over their seconds, the median of their p50s, the highest of their p99s (ms), their non-2xx
  PACED.tsv    implementation, scenario, target requests/s, requests/s, p50, p99, non-2xx
Exit 0: report printed and OUT.json written (smoke: printed only). Exit 1: smoke saw non-2xx answers. Exit 3: a ratio
between implementations strays more than meta's maxSpreadPercent from its median (from 5 rounds on, in any round but
the one farthest from the median: gated_spread): refused, nothing written."""
import json
import math
import statistics
import sys

MODEL_REGISTRY = ("model-registry", "model-registry-uncached")
SCENARIOS = ["S1", "S2", "S3", "S4", "S5", "S6"]


def to_ms(text):
    """wrk's latency text (850.00us, 1.20ms, 1.01s) in milliseconds."""
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return round(float(text[: -len(unit)]) * factor, 3)
    return round(float(text), 3)


def rows(path, width):
    with open(path) as lines:
        return [line.rstrip("\n").split("\t") for line in lines if line.strip() and len(line.split("\t")) == width]


def combine(slices_path):
    """One line per round, implementation and scenario from its slices, in the order they first ran."""
    rounds = {}
    for r, i, s, requests, seconds, p50, p99, e in rows(slices_path, 8):
        mine = rounds.setdefault((r, i, s), {"requests": 0, "seconds": 0.0, "p50": [], "p99": [], "non2xx": 0})
        mine["requests"] += int(requests)
        mine["seconds"] += to_ms(seconds.rstrip(",")) / 1000
        mine["p50"].append(to_ms(p50))
        mine["p99"].append(to_ms(p99))
        mine["non2xx"] += int(e or 0)
    for (r, i, s), mine in rounds.items():
        print(f"{r}\t{i}\t{s}\t{mine['requests'] / mine['seconds']:.2f}\t{statistics.median(mine['p50']):.3f}ms\t"
              f"{max(mine['p99']):.3f}ms\t{mine['non2xx']}")


# From this many rounds on, the refusal sets one round aside (see gated_spread)
SET_ASIDE_FROM_ROUNDS = 5


def spread(values):
    median = statistics.median(values)
    return {"median": round(median, 3), "min": round(min(values), 3), "max": round(max(values), 3),
            "minPercent": round((min(values) / median - 1) * 100, 1),
            "maxPercent": round((max(values) / median - 1) * 100, 1)}


def gated_spread(values, rounds):
    """What the refusal looks at: how far the rounds stray from the median of all of them. From
    SET_ASIDE_FROM_ROUNDS rounds on, the one round farthest from the median (as a factor, so that x2 and /2 weigh
    the same) is set aside first: on this machine a single slow stretch can still fall on one implementation's
    slices in one round, and with every round in the gate, more rounds could only make a refusal more likely. With
    five rounds the median comes from the middle three, so one round set aside cannot move it past the others."""
    median = statistics.median(values)
    kept = list(zip(rounds, values))
    set_aside = None
    if len(values) >= SET_ASIDE_FROM_ROUNDS:
        set_aside = max(kept, key=lambda rv: abs(math.log(rv[1] / median)))
        kept.remove(set_aside)
    low, high = min(v for _, v in kept), max(v for _, v in kept)
    return {"setAsideRound": set_aside[0] if set_aside else None,
            "gateMinPercent": round((low / median - 1) * 100, 1),
            "gateMaxPercent": round((high / median - 1) * 100, 1)}


def main(results_path, paced_path, meta_text, out_path):
    meta = json.loads(meta_text)
    runs = [{"round": int(r), "implementation": i, "scenario": s, "requestsPerSecond": float(rps),
             "p50Ms": to_ms(p50), "p99Ms": to_ms(p99), "non2xx": int(e or 0)}
            for r, i, s, rps, p50, p99, e in rows(results_path, 7)]
    paced = [{"implementation": i, "scenario": s, "targetRequestsPerSecond": float(t), "requestsPerSecond": float(rps),
              "p50Ms": to_ms(p50), "p99Ms": to_ms(p99), "non2xx": int(e or 0)}
             for i, s, t, rps, p50, p99, e in rows(paced_path, 7)]
    impls = meta["implementations"]
    rounds = sorted({r["round"] for r in runs})

    def run_of(impl, scenario, rnd):
        return next((r for r in runs if r["implementation"] == impl and r["scenario"] == scenario
                     and r["round"] == rnd), None)

    medians = []
    print(f"\nMedians over {len(rounds)} round(s) of {meta['duration']} ({meta['slices']} slice(s) each), "
          f"{meta['connections']} connections")
    print(f"{'implementation':<24} {'scen':<4} {'requests/s':>11} {'p50_ms':>8} {'p99_ms':>8} {'non2xx':>7}  per round")
    for impl in impls:
        for scenario in SCENARIOS:
            mine = [r for r in runs if r["implementation"] == impl and r["scenario"] == scenario]
            if not mine:
                continue
            row = {"implementation": impl, "scenario": scenario,
                   "requestsPerSecond": round(statistics.median(r["requestsPerSecond"] for r in mine), 2),
                   "p50Ms": round(statistics.median(r["p50Ms"] for r in mine), 2),
                   "p99Ms": round(statistics.median(r["p99Ms"] for r in mine), 2),
                   "non2xx": sum(r["non2xx"] for r in mine)}
            medians.append(row)
            print(f"{impl:<24} {scenario:<4} {row['requestsPerSecond']:>11,.0f} {row['p50Ms']:>8.2f} "
                  f"{row['p99Ms']:>8.2f} {row['non2xx']:>7}  "
                  + " ".join(f"{r['requestsPerSecond']:,.0f}" for r in sorted(mine, key=lambda r: r["round"])))

    # Model Registry (each variant) over each peer, per round; only scenarios both ran
    ratios = []
    for mine in [i for i in impls if i in MODEL_REGISTRY]:
        for peer in [i for i in impls if i not in MODEL_REGISTRY]:
            for scenario in SCENARIOS:
                per_round, both_ran = [], []
                for rnd in rounds:
                    a, b = run_of(mine, scenario, rnd), run_of(peer, scenario, rnd)
                    if a and b and b["requestsPerSecond"] > 0 and a["requestsPerSecond"] > 0:
                        per_round.append(round(a["requestsPerSecond"] / b["requestsPerSecond"], 3))
                        both_ran.append(rnd)
                if per_round:
                    ratios.append({"implementation": mine, "peer": peer, "scenario": scenario, "perRound": per_round,
                                   **spread(per_round), **gated_spread(per_round, both_ran)})
    if ratios:
        print(f"\nRatios, Model Registry / peer, taken per round (median; min and max relative to the median"
              + (f"; from {SET_ASIDE_FROM_ROUNDS} rounds on, the refusal sets aside the round farthest from the median"
                 " and looks at the others'" if len(rounds) >= SET_ASIDE_FROM_ROUNDS else "") + ")")
        for r in ratios:
            print(f"{r['implementation']:<24} / {r['peer']:<15} {r['scenario']}: {r['median']:>7.3f} "
                  f"({r['minPercent']:+.1f}% / {r['maxPercent']:+.1f}%)  rounds: "
                  + " ".join(f"{v:.3f}" for v in r["perRound"])
                  + (f"  without round {r['setAsideRound']}: {r['gateMinPercent']:+.1f}% / {r['gateMaxPercent']:+.1f}%"
                     if r["setAsideRound"] is not None else ""))

    if paced:
        print("\nModel Registry at half of its peak (paced by wrk pauses)")
        print(f"{'scen':<4} {'target/s':>10} {'achieved/s':>11} {'p50_ms':>8} {'p99_ms':>8} {'non2xx':>7}")
        for p in paced:
            print(f"{p['scenario']:<4} {p['targetRequestsPerSecond']:>10,.0f} {p['requestsPerSecond']:>11,.0f} "
                  f"{p['p50Ms']:>8.2f} {p['p99Ms']:>8.2f} {p['non2xx']:>7}")

    # S6's goal against Model Registry's own S1, per round like the others; read for the goal from bench/ratio.sh
    s6 = {"notImplementedBy": meta["notImplementedS6"]}
    for impl in meta["notImplementedS6"]:
        print(f"S6: not implemented by {impl}")
    per_round = [round(run_of("model-registry", "S6", rnd)["requestsPerSecond"]
                       / run_of("model-registry", "S1", rnd)["requestsPerSecond"], 3)
                 for rnd in rounds if run_of("model-registry", "S6", rnd) and run_of("model-registry", "S1", rnd)]
    if per_round:
        s6["modelRegistryS6OverS1"] = {"perRound": per_round, **spread(per_round)}
        half = next((p for p in paced if p["implementation"] == "model-registry" and p["scenario"] == "S6"), None)
        if half:
            s6["modelRegistryS6HalfPeakP99Ms"] = half["p99Ms"]
        print(f"Model Registry S6 / its S1, per round: median {s6['modelRegistryS6OverS1']['median']:.3f} "
              f"(goal >= 0.9; not part of the refusal: bench/ratio.sh measures it)")

    errors = [r for r in runs + paced if r["non2xx"] > 0]
    for r in errors:
        print(f"NON-2XX: {r['implementation']} {r['scenario']}: {r['non2xx']} answers were not 2xx")

    if meta["smoke"]:
        if errors:
            print("smoke: non-2xx answers")
            return 1
        print("smoke: answers checked and every scenario ran; no timing asserted")
        return 0

    limit = meta["maxSpreadPercent"]
    unsteady = [r for r in ratios if max(-r["gateMinPercent"], r["gateMaxPercent"]) > limit]
    set_aside = [r for r in ratios if max(-r["minPercent"], r["maxPercent"]) > limit and r not in unsteady]
    if set_aside:
        print(f"\n{len(set_aside)} ratio(s) strayed more than ±{limit:g}% in one round only, which the refusal set aside:")
        for r in set_aside:
            print(f"  {r['implementation']} / {r['peer']} {r['scenario']}: median {r['median']:.3f}, round "
                  f"{r['setAsideRound']} set aside; all rounds {r['minPercent']:+.1f}% / {r['maxPercent']:+.1f}%, "
                  f"the others {r['gateMinPercent']:+.1f}% / {r['gateMaxPercent']:+.1f}%")
    if unsteady:
        aside = (f" (the {len(rounds) - 1} left after the round farthest from the median is set aside)"
                 if len(rounds) >= SET_ASIDE_FROM_ROUNDS else "")
        print(f"\nbench/run.sh refuses to report: {len(unsteady)} ratio(s) strayed more than ±{limit:g}% from their "
              f"median over {len(rounds)} rounds{aside}, so the machine did not hold still enough to tell them apart:")
        for r in unsteady:
            print(f"  {r['implementation']} / {r['peer']} {r['scenario']}: median {r['median']:.3f}, "
                  f"min {r['min']:.3f} ({r['minPercent']:+.1f}%), max {r['max']:.3f} ({r['maxPercent']:+.1f}%)"
                  + (f", without round {r['setAsideRound']} {r['gateMinPercent']:+.1f}% / {r['gateMaxPercent']:+.1f}%"
                     if r["setAsideRound"] is not None else ""))
        print("No results written. Run again on a quiet machine.")
        return 3

    reportable = not meta["notReportableBecause"]
    if not reportable:
        print("\nNOT REPORTABLE: " + "; ".join(meta["notReportableBecause"]))
    result = {k: v for k, v in meta.items() if k not in ("notImplementedS6", "smoke")}
    result.update({"refusalSetsAsideOneRoundFrom": SET_ASIDE_FROM_ROUNDS, "reportable": reportable, "results": medians, "ratios": ratios, "halfPeak": paced, "s6": s6,
                   "non2xxTotal": sum(r["non2xx"] for r in runs + paced),
                   "perRound": [{"round": rnd, "results": [{k: v for k, v in r.items() if k != "round"}
                                                           for r in runs if r["round"] == rnd]} for rnd in rounds]})
    with open(out_path, "w") as out:
        json.dump(result, out, indent=1)
        out.write("\n")
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "combine":
        sys.exit(combine(sys.argv[2]))
    sys.exit(main(*sys.argv[1:5]))
