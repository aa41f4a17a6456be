// Command table turns benchstat's CSV output (run with -col /lib -row /op)
// into the Markdown of RESULTS.md: one row per operation, one column per
// library with its median ns/op, its ratio to the raw baseline, B/op and
// allocs/op; then the targets this library sets itself, and where it is
// slower than the fastest other library. The header names the machine (GOARCH,
// CPU model, core count) and the Go version.
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// table is metric → operation → library → median.
type table map[string]map[string]map[string]float64

func main() {
	csvPath := flag.String("csv", "results/benchstat.csv", "benchstat -format csv output")
	libs := flag.String("libs", "raw rawb64 ours gojose jwx3 jwx4 golangjwt", "libraries, in column order")
	passes := flag.String("passes", os.Getenv("PASSES"), "number of passes, for the header")
	benchtime := flag.String("benchtime", os.Getenv("BENCHTIME"), "benchtime, for the header")
	flag.Parse()
	f, err := os.Open(*csvPath)
	if err != nil {
		log.Fatal(err)
	}
	t, ops, err := parse(f)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	header(w, *passes, *benchtime)
	write(w, t, ops, strings.Fields(*libs))
}

// parse reads benchstat's CSV: blocks separated by blank lines, each with a
// row of library names, a row of units, then one row per operation. The
// median sits in the column under the library's name.
func parse(r io.Reader) (table, []string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	t := table{}
	var ops []string
	seen := map[string]bool{}
	var libCols map[int]string
	var unit string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		if len(rec) < 2 {
			libCols = nil // "goos: linux" and the like
			continue
		}
		switch {
		case rec[0] == "" && libCols == nil:
			libCols = map[int]string{}
			for i, name := range rec {
				if name != "" {
					libCols[i] = name
				}
			}
		case rec[0] == "" && unit == "":
			for i := range libCols {
				unit = rec[i]
				break
			}
			t[unit] = map[string]map[string]float64{}
		case rec[0] == "geomean":
			libCols, unit = nil, ""
		default:
			op := rec[0]
			if !seen[op] {
				seen[op] = true
				ops = append(ops, op)
			}
			row := map[string]float64{}
			for i, lib := range libCols {
				if i < len(rec) {
					if v, err := strconv.ParseFloat(rec[i], 64); err == nil {
						row[lib] = v
					}
				}
			}
			t[unit][op] = row
		}
	}
	if t["sec/op"] == nil {
		return nil, nil, fmt.Errorf("no sec/op block in the CSV")
	}
	return t, ops, nil
}

func header(w io.Writer, passes, benchtime string) {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.SplitSeq(string(b), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	fmt.Fprintf(w, "# Benchmark results\n\n")
	fmt.Fprintf(w, "Machine: %s/%s, %s, %d cores. Go: %s. Date: %s.\n", runtime.GOOS, runtime.GOARCH, cpu, runtime.NumCPU(), runtime.Version(), time.Now().UTC().Format("2006-01-02"))
	fmt.Fprintf(w, "Run: `bench/run.sh`, %s interleaved passes, -benchtime=%s, -benchmem; medians from benchstat. ", passes, benchtime)
	fmt.Fprintf(w, "Libraries: %s.\n\n", versions())
	fmt.Fprintf(w, "Each cell: median time per operation, its ratio to the raw baseline (the standard library primitive alone), bytes and allocations per operation. ")
	fmt.Fprintf(w, "rawb64 is raw plus encoding/base64 (RawURLEncoding) of the payload or ciphertext, JWS and JWE only. ")
	fmt.Fprintf(w, "**Bold** marks the fastest library other than the baselines. n/a: the library lacks the operation. ")
	fmt.Fprintf(w, "jwx v4 runs from a binary built with GOEXPERIMENT=jsonv2, which it needs on Go 1.26.\n\n")
}

// versions reads the competitors' versions from go.mod.
func versions() string {
	b, err := os.ReadFile("go.mod")
	if err != nil {
		return "see go.mod"
	}
	var out []string
	for line := range strings.SplitSeq(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && (strings.Contains(f[0], "go-jose") || strings.Contains(f[0], "jwx") || strings.Contains(f[0], "golang-jwt")) {
			out = append(out, f[0]+" "+f[1])
		}
	}
	return strings.Join(out, ", ")
}

func write(w io.Writer, t table, ops, libs []string) {
	ns, bytes, allocs := t["sec/op"], t["B/op"], t["allocs/op"]
	fmt.Fprintf(w, "| operation | %s |\n|---|%s\n", strings.Join(libs, " | "), strings.Repeat("---|", len(libs)))
	for _, op := range ops {
		best := fastest(ns[op], baselines...)
		cells := []string{op}
		for _, lib := range libs {
			v, ok := ns[op][lib]
			if !ok {
				cells = append(cells, "n/a")
				continue
			}
			s := duration(v)
			if lib == best {
				s = "**" + s + "**"
			}
			if raw, ok := ns[op]["raw"]; ok && lib != "raw" {
				s += fmt.Sprintf(" (%.2f×)", v/raw)
			}
			s += fmt.Sprintf("<br>%s, %.0f allocs", size(bytes[op][lib]), allocs[op][lib])
			cells = append(cells, s)
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	targets(w, t, ops)
}

// baselines are the columns that are no library.
var baselines = []string{"raw", "rawb64"}

// targets checks the targets of issue 20 that this run measures: the JWT
// layer's own cost above the primitive, 64 KiB payloads against raw plus
// stdlib base64, and every operation against the fastest other library in
// time and in allocations.
func targets(w io.Writer, t table, ops []string) {
	ns, allocs := t["sec/op"], t["allocs/op"]
	fmt.Fprintf(w, "\n## Targets measured here\n\n")
	fmt.Fprintf(w, "The JWT layer's own cost: ours minus raw, for the ~300-byte claim set decoded into a typed struct (verify: at most 1.5 µs and 12 allocations; sign: at most 1 µs and 8 allocations). ")
	fmt.Fprintf(w, "The difference of two medians of a noisy machine: for the slow algorithms it is within the noise of the primitive. ")
	fmt.Fprintf(w, "Ours includes the harness's []byte copy of the subject it returns (one allocation), which raw does not make.\n\n")
	fmt.Fprintf(w, "| operation | ours − raw | target | met | allocs ours − raw | target | met |\n|---|---|---|---|---|---|---|\n")
	for _, op := range ops {
		var goalT, goalA float64
		switch {
		case strings.HasPrefix(op, "JWTVerify-"):
			goalT, goalA = 1.5e-6, 12
		case strings.HasPrefix(op, "JWTSign-"):
			goalT, goalA = 1e-6, 8
		default:
			continue
		}
		ours, ok1 := ns[op]["ours"]
		raw, ok2 := ns[op]["raw"]
		if !ok1 || !ok2 {
			continue
		}
		dt, da := ours-raw, allocs[op]["ours"]-allocs[op]["raw"]
		fmt.Fprintf(w, "| %s | %s | ≤ %s | %s | %.0f | ≤ %.0f | %s |\n", op, signed(dt), duration(goalT), yesNo(dt <= goalT),
			da, goalA, yesNo(da <= goalA))
	}
	fmt.Fprintf(w, "\n64 KiB payloads: ours at or under rawb64 (the primitive plus encoding/base64 of the same bytes).\n\n| operation | ours | rawb64 | ours / rawb64 | met |\n|---|---|---|---|---|\n")
	for _, op := range ops {
		if !strings.HasSuffix(op, "-64KiB") {
			continue
		}
		ours, ok1 := ns[op]["ours"]
		base, ok2 := ns[op]["rawb64"]
		if !ok1 || !ok2 {
			continue
		}
		met := "yes"
		if ours > base {
			met = "**no**"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %.2f× | %s |\n", op, duration(ours), duration(base), ours/base, met)
	}
	fmt.Fprintf(w, "\n## Where ours is slower, or allocates more, than the fastest other library\n\n")
	fmt.Fprintf(w, "Time: against the library with the lowest median; allocations: against the fewest of any other library.\n\n")
	fmt.Fprintf(w, "| operation | ours | fastest | ours / fastest | ours allocs | fewest allocs |\n|---|---|---|---|---|---|\n")
	for _, op := range ops {
		ours, ok := ns[op]["ours"]
		best := fastest(ns[op], append([]string{"ours"}, baselines...)...)
		leanest := fastest(allocs[op], append([]string{"ours"}, baselines...)...)
		if !ok || best == "" {
			continue
		}
		slower := ours > ns[op][best]
		heavier := leanest != "" && allocs[op]["ours"] > allocs[op][leanest]
		if !slower && !heavier {
			continue
		}
		fmt.Fprintf(w, "| %s | %s | %s %s | %.2f× | %.0f | %s %.0f |\n", op, duration(ours), best, duration(ns[op][best]), ours/ns[op][best],
			allocs[op]["ours"], leanest, allocs[op][leanest])
	}
}

// yesNo is the "met" cell.
func yesNo(met bool) string {
	if met {
		return "yes"
	}
	return "**no**"
}

// signed is duration with a sign, for differences.
func signed(sec float64) string {
	if sec < 0 {
		return "−" + duration(-sec)
	}
	return duration(sec)
}

func fastest(row map[string]float64, skip ...string) string {
	best, bv := "", math.Inf(1)
	for lib, v := range row {
		if !contains(skip, lib) && (v < bv || v == bv && lib < best) {
			best, bv = lib, v
		}
	}
	return best
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func duration(sec float64) string {
	switch {
	case sec >= 1e-3:
		return fmt.Sprintf("%.2f ms", sec*1e3)
	case sec >= 1e-6:
		return fmt.Sprintf("%.1f µs", sec*1e6)
	}
	return fmt.Sprintf("%.0f ns", sec*1e9)
}

func size(b float64) string {
	switch {
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", b/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KiB", b/(1<<10))
	}
	return fmt.Sprintf("%.0f B", b)
}
