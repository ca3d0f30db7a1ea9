#!/usr/bin/env bash
# Draws a results file of bench/run.sh as a PNG bar chart: requests/s per scenario (median over the rounds), one bar
# per implementation, Model Registry with and without its token cache as two bars.
# usage: bench/chart.sh bench/results/DATE.json   -> bench/results/DATE.png   (installs gnuplot-nox when missing)
set -euo pipefail
json=$1
png=${json%.json}.png
command -v gnuplot >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gnuplot-nox >/dev/null; }
data=$(mktemp)
trap 'rm -f "$data"' EXIT
python3 - "$json" >"$data" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
# the run's order; files from before the interleaved runs have no "implementations"
impls = list(run.get("implementations") or dict.fromkeys(r["implementation"] for r in run["results"]))
print("scenario " + " ".join(impls))
# S6 only where an implementation ran it; a peer without it draws no bar there (0)
for scenario in [s for s in ["S1", "S2", "S3", "S4", "S5", "S6"] if any(r["scenario"] == s for r in run["results"])]:
    values = {r["implementation"]: r["requestsPerSecond"] for r in run["results"] if r["scenario"] == scenario}
    print(scenario + " " + " ".join(str(values.get(i, 0)) for i in impls))
PY
title=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(f\"{r['date']}, {r['machine']}, {r['models']} models, {r['connections']} connections\" + (f\", {r['rounds']} rounds\" if isinstance(r.get('rounds'), int) else '') + ('' if r.get('reportable', True) else ', NOT REPORTABLE'))" "$json")
columns=$(head -n 1 "$data" | wc -w)
gnuplot <<GP
set terminal pngcairo size 1100,600 noenhanced
set output "$png"
set title "Requests/s, median over the rounds\n$title"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set key outside bottom center horizontal autotitle columnheader
set ylabel "requests/s"
set grid ytics
plot for [i=2:$columns] "$data" using i:xtic(1)
GP
echo "wrote $png"
