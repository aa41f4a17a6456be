package jose

import (
	"strings"
	"testing"
)

// The probes of the repository checks: each builds what must fail and
// checks that it does, so that a check that passes means something.

func TestThreatModelProbes(t *testing.T) {
	good := "### T01: a class\n\n- **Attack:** a.\n- **References:** RFC 8725 §3.1.\n- **Defense:** d.\n- **Tests:** `jws.TestRejections` (\"alg none\"),\n  `internal/header.TestCheckCrit`.\n"
	entries, errs := parseThreatModel(good)
	if len(errs) != 0 || entries["T01"] == nil {
		t.Fatalf("a good entry: %v, %v", entries, errs)
	}
	if got := testReference.FindAllString(entries["T01"].fields["Tests"], -1); len(got) != 2 {
		t.Fatalf("tests of a good entry read as %q; want both, the continuation line included", got)
	}
	tests := []struct{ name, doc, want string }{
		{"no defense", strings.Replace(good, "- **Defense:** d.\n", "", 1), "T01 has no Defense"},
		{"no test named", strings.Replace(good, "`jws.TestRejections`", "jws rejections", 1)[:strings.Index(good, "\n  `internal")] + "\n", "T01 names no test"},
		{"a second entry", good + strings.Replace(good, "a class", "again", 1), "a second entry for T01"},
		{"out of order", strings.Replace(good, "T01", "T03", 1) + good, "T01 comes after T03"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := parseThreatModel(tc.doc)
			assertRefused(t, errs, tc.want)
		})
	}

	tn := testNames{}
	if ok, err := tn.has("jws", "TestRejections"); !ok || err != nil {
		t.Errorf("jws.TestRejections not found: %v", err)
	}
	if ok, err := tn.has(".", "TestNoSuchTestAnywhere"); ok || err != nil {
		t.Errorf("a test that does not exist: found %v, error %v", ok, err)
	}
	if _, err := tn.has("no/such/package", "TestX"); err == nil {
		t.Error("a package that does not exist: no error")
	}
}

// TestCitedThreatsProbe: an id in a Go comment or a Markdown file is found,
// and the threat model's own ids are not counted as citations.
func TestCitedThreatsProbe(t *testing.T) {
	// The ids are put together here, so that this file cites none of them.
	t99, t98, t97, t96 := "T"+"99", "T"+"98", "T"+"97", "T"+"96"
	root := t.TempDir()
	files := map[string]string{
		"a/a.go":      "package a\n\n// refused (" + t99 + ")\n",
		"b/README.md": "See " + t98 + ".\n",
		threatModel:   "### " + t97 + ": only here\n",
		"c/data.json": t96 + "\n",
	}
	writeTree(t, root, files)
	cited, err := citedThreats(root)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, c := range cited {
		got[c.id] = true
	}
	if !got[t99] || !got[t98] || got[t96] || len(got) != 2 {
		t.Fatalf("cited %v; want %s and %s only", cited, t99, t98)
	}
}
