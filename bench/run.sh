#!/bin/sh
# Runs the comparison and writes RESULTS.md.
#
# Interleaved passes: each pass runs every library once, one process per
# library, so that drift of a shared machine (other load, thermal state) is
# spread over all libraries instead of landing on one. jwx v4 needs
# GOEXPERIMENT=jsonv2 on Go 1.26, so it runs from a second test binary built
# with it; every other library runs from a binary built without.
#
# Environment: PASSES (default 6, the fewest for which benchstat gives a
# 95% confidence interval), BENCHTIME (default 200ms), OPS (a regexp
# over operation names, default all), LIBS (default all), RESULTS (the file
# to write, default RESULTS.md; e.g. RESULTS-go1.27.md for a run under
# GOTOOLCHAIN=go1.27.3). RESULTS.md also gets TARGETS.md, the hand-written
# account of the targets this run does not measure.
set -eu
cd "$(dirname "$0")"

# bench/ is a module outside the repository's go.work (it imports other JOSE
# libraries and reaches this one through its own replace): the workspace
# must be off for every go command below.
export GOWORK=off

PASSES=${PASSES:-6}
BENCHTIME=${BENCHTIME:-200ms}
OPS=${OPS:-.*}
LIBS=${LIBS:-raw rawb64 ours gojose jwx3 jwx4 golangjwt}
BENCHSTAT=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
OUT=results
RESULTS=${RESULTS:-RESULTS.md}

mkdir -p "$OUT"
rm -f "$OUT"/raw.txt "$OUT"/benchstat.*

echo "== cross-check (tokens from each library verify in every other; ES256K with jwx)"
go test -count=1 -tags jwx_es256k -run '^(TestCrossCheck|TestES256KCrossCheck|TestES256KJWK)$' .
GOEXPERIMENT=jsonv2 go test -count=1 -run '^TestCrossCheck$' .

go test -c -o "$OUT/bench.test" .
GOEXPERIMENT=jsonv2 go test -c -o "$OUT/bench-jsonv2.test" .

pass=1
while [ "$pass" -le "$PASSES" ]; do
	for lib in $LIBS; do
		bin="$OUT/bench.test"
		[ "$lib" = jwx4 ] && bin="$OUT/bench-jsonv2.test"
		echo "== pass $pass/$PASSES: $lib"
		"$bin" -test.run '^$' -test.bench "^BenchmarkJOSE\$/^op=($OPS)\$/^lib=$lib\$" \
			-test.benchmem -test.count 1 -test.benchtime "$BENCHTIME" > "$OUT/pass.txt"
		grep -q '^Benchmark' "$OUT/pass.txt" || { echo "no benchmark ran for $lib" >&2; exit 1; }
		cat "$OUT/pass.txt" >> "$OUT/raw.txt"
	done
	pass=$((pass + 1))
done

go run "$BENCHSTAT" -col /lib -row /op "$OUT/raw.txt" > "$OUT/benchstat.txt"
go run "$BENCHSTAT" -format csv -col /lib -row /op "$OUT/raw.txt" > "$OUT/benchstat.csv"

PASSES=$PASSES BENCHTIME=$BENCHTIME go run ./cmd/table -csv "$OUT/benchstat.csv" -libs "$LIBS" > "$RESULTS"
if [ "$RESULTS" = RESULTS.md ] && [ -f TARGETS.md ]; then
	cat TARGETS.md >> RESULTS.md
fi
cp "$OUT/benchstat.txt" "${RESULTS%.md}-benchstat.txt"
echo "wrote $RESULTS"
