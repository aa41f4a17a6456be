package main

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/joseproject/jose/ext/redisstore/internal/redistest"
)

func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }

// The program's run, against the test server: every step as expected.
func TestRun(t *testing.T) {
	var out strings.Builder
	if err := run(context.Background(), redistest.Addr(t), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 7 || lines[6] != "ok" {
		t.Fatalf("output:\n%s", out.String())
	}
	for _, want := range []string{"invalid_dpop_proof", "invalid_token"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %s in:\n%s", want, out.String())
		}
	}
	t.Log("\n" + out.String())
}

// Without a Redis, run fails at once and says so.
func TestRunWithoutRedis(t *testing.T) {
	err := run(context.Background(), "127.0.0.1:1", &strings.Builder{})
	if err == nil || !strings.Contains(err.Error(), "no Redis at 127.0.0.1:1") {
		t.Fatalf("run: %v", err)
	}
}
