package main

import (
	"crypto/fips140"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// TestCompletionScripts: the bash and zsh scripts name every command and
// every flag of each, from the same definitions the commands run with, and
// the values of the flags that have a fixed set; the shells accept their
// syntax when they are installed.
func TestCompletionScripts(t *testing.T) {
	for _, shell := range shells {
		script := mustJose(t, 0, "", "completion", shell)
		for _, g := range groups() {
			if !strings.Contains(script, g+")") {
				t.Errorf("%s: group %q missing", shell, g)
			}
		}
		for i := range commands {
			c := &commands[i]
			if _, sub, ok := strings.Cut(c.name, " "); ok && !strings.Contains(script, " "+sub) {
				t.Errorf("%s: subcommand %q missing", shell, c.name)
			}
			if !strings.Contains(script, `"`+c.name+`")`) {
				t.Errorf("%s: no case for %q", shell, c.name)
			}
			fs := newFlags(c)
			c.define(fs)
			fs.VisitAll(func(f *flag.Flag) {
				if !strings.Contains(script, "--"+f.Name+" ") && !strings.Contains(script, "--"+f.Name+`"`) &&
					!strings.Contains(script, "--"+f.Name+"\n") {
					t.Errorf("%s: %s flag --%s missing", shell, c.name, f.Name)
				}
			})
		}
		for _, v := range []string{"ES256K", "Ed448", "X448", "secp256k1", "ECDH-ES+A256KW", "A256GCM", "DEF", "--version"} {
			if !strings.Contains(script, v) && !refusedInFIPS(v) {
				t.Errorf("%s: %q missing", shell, v)
			}
		}
		// FIPS 140-3 mode: the algorithms it refuses are not offered.
		if fips140.Enabled() && strings.Contains(script, "ES256K") {
			t.Errorf("%s: ES256K offered in FIPS 140-3 mode", shell)
		}
		if path, err := exec.LookPath(shell); err == nil {
			f := filepath.Join(t.TempDir(), "jose."+shell)
			if err := os.WriteFile(f, []byte(script), 0o600); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(path, "-n", f).CombinedOutput(); err != nil {
				t.Errorf("%s -n: %v\n%s", shell, err, out)
			}
		} else {
			t.Logf("%s is not installed: its syntax is not checked", shell)
		}
	}
	mustJose(t, 2, "", "completion")
	mustJose(t, 2, "", "completion", "fish")
}

// TestBashCompletionRuns: bash, when installed, completes through the
// script: the groups, a group's subcommands, a command's flags and a
// flag's values.
func TestBashCompletionRuns(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Log("bash is not installed: the script is checked by TestCompletionScripts only")
		return
	}
	script := mustJose(t, 0, "", "completion", "bash")
	es256 := "ES256 ES256K"
	if fips140.Enabled() {
		es256 = "ES256" // ES256K is refused in FIPS 140-3 mode
	}
	for _, tc := range []struct {
		words string
		want  string
	}{
		{"jose jw", "jwk jws jwe jwt"},
		{"jose jwk ", "gen pub thumbprint convert"},
		{"jose jwk gen --c", "--crv"},
		{"jose jwk gen --crv sec", "secp256k1"},
		{"jose jws verify --alg ES256", es256},
		{"jose completion ", "bash zsh"},
	} {
		prog := script + `
COMP_WORDS=(` + tc.words + `)
[[ "` + tc.words + `" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_jose
echo "${COMPREPLY[*]}"
`
		out, err := exec.Command(bash, "-c", prog).CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != tc.want {
			t.Errorf("completing %q: %q (%v), want %q", tc.words, out, err, tc.want)
		}
	}
}

// TestVersion: --version reports the command's module version, the library
// and ext modules it was built with, and the Go release, from the build
// information.
func TestVersion(t *testing.T) {
	out := mustJose(t, 0, "", "--version")
	if !strings.HasPrefix(out, "jose ") || !strings.Contains(out, "built with go") {
		t.Errorf("--version:\n%s", out)
	}
	info := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: modulePrefix + "/cmd/jose", Version: "v1.2.3"},
		Deps: []*debug.Module{
			{Path: modulePrefix, Version: "v1.2.0"},
			{Path: modulePrefix + "/ext/secp256k1", Version: "v1.0.0", Replace: &debug.Module{Path: "../../ext/secp256k1"}},
			{Path: "github.com/decred/dcrd/dcrec/secp256k1/v4", Version: "v4.4.1"},
		},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc123"}, {Key: "vcs.modified", Value: "true"}},
	}
	want := "jose v1.2.3\n" +
		"  github.com/joseproject/jose v1.2.0\n" +
		"  github.com/joseproject/jose/ext/secp256k1 v1.0.0 => ../../ext/secp256k1\n" +
		"  revision abc123 (modified)\n" +
		"  built with go1.26.8\n"
	if got := versionText(info); got != want {
		t.Errorf("versionText:\n%s\nwant\n%s", got, want)
	}
}
