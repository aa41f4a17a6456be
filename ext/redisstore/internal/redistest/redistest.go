// Package redistest gives the tests of this module a real Redis: the
// server that `make test` starts (its address in JOSE_TEST_REDIS), or
// redis-server processes of a test's own, which it can stop and start
// again. It never fakes one.
package redistest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Environment variables: the address of a running server, and the
// redis-server binary for the servers a test starts itself (else the one
// on PATH).
const (
	EnvAddr   = "JOSE_TEST_REDIS"
	EnvServer = "JOSE_TEST_REDIS_SERVER"
)

// install says how to get a server; under CI=true a missing one fails.
const install = "no Redis: install redis-server (Debian: apt-get install redis-server) and run `make test`, " +
	"or set " + EnvAddr + "=host:port of a Redis 7.0 or later"

// Addr returns the address of the shared test server. Without one, it
// skips the test saying how to get one, or fails it under CI=true.
func Addr(tb testing.TB) string {
	tb.Helper()
	if a := os.Getenv(EnvAddr); a != "" {
		return a
	}
	missing(tb)
	return ""
}

func missing(tb testing.TB) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatal(install)
	}
	tb.Skip(install)
}

// Client returns a client of the shared test server, closed when the test
// ends.
func Client(tb testing.TB) *redis.Client {
	tb.Helper()
	return NewClient(tb, Addr(tb))
}

// NewClient returns a client of addr that honours context deadlines, closed
// when the test ends.
func NewClient(tb testing.TB, addr string) *redis.Client {
	tb.Helper()
	c := redis.NewClient(&redis.Options{Addr: addr, ContextTimeoutEnabled: true})
	tb.Cleanup(func() { c.Close() })
	return c
}

// Binary returns the redis-server to start, or skips (fails under CI=true).
func Binary(tb testing.TB) string {
	tb.Helper()
	if p := os.Getenv(EnvServer); p != "" {
		return p
	}
	p, err := exec.LookPath("redis-server")
	if err != nil {
		missing(tb)
	}
	return p
}

// Server is a redis-server process of one test, on a loopback port of its
// own, persistence off unless its arguments turn it on.
type Server struct {
	bin  string
	dir  string
	conf []string // a configuration file, which comes first
	args []string
	port int

	mu     sync.Mutex
	proc   *os.Process
	exited chan struct{} // closed once proc has exited and been waited for
}

// Start starts a redis-server with extra configuration arguments (such as
// "--appendonly", "yes"), and stops it when the test ends.
func Start(tb testing.TB, args ...string) *Server {
	tb.Helper()
	s, err := start(Binary(tb), tb.TempDir(), args)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(s.Stop)
	return s
}

// StartSentinel starts a Redis Sentinel that watches the primary at
// primary under the name "primary", and stops it when the test ends.
func StartSentinel(tb testing.TB, primary string) *Server {
	tb.Helper()
	host, port, err := net.SplitHostPort(primary)
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	conf := filepath.Join(dir, "sentinel.conf")
	if err := os.WriteFile(conf, []byte("sentinel monitor primary "+host+" "+port+" 1\n"), 0o600); err != nil {
		tb.Fatal(err)
	}
	s, err := start(Binary(tb), dir, []string{"--sentinel"}, conf)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(s.Stop)
	return s
}

// start starts a server in dir, on a free port, with args and, when conf
// names one, a configuration file.
func start(bin, dir string, args []string, conf ...string) (*Server, error) {
	s := &Server{bin: bin, dir: dir, args: args, conf: conf}
	var err error
	for range 5 { // another process can take the free port before the server does
		if s.port, err = freePort(); err != nil {
			return nil, err
		}
		if err = s.start(); err == nil {
			return s, nil
		}
	}
	return nil, fmt.Errorf("redis-server did not start: %w", err)
}

// Main runs the tests of m against the server of JOSE_TEST_REDIS or, when
// that is not set, against a redis-server it starts (and stops) itself.
// Without either, it says how to install one and runs nothing (Example
// functions cannot skip), or fails under CI=true.
func Main(m *testing.M) int {
	// The tests make Redis fail on purpose; the client's log of each failed
	// dial would drown their output.
	redis.SetLogger(quiet{})
	if os.Getenv(EnvAddr) != "" {
		return m.Run()
	}
	bin := os.Getenv(EnvServer)
	if bin == "" {
		bin, _ = exec.LookPath("redis-server")
	}
	if bin == "" {
		fmt.Fprintln(os.Stderr, "redisstore tests:", install)
		if os.Getenv("CI") == "true" {
			return 1
		}
		fmt.Fprintln(os.Stderr, "redisstore tests: SKIP: every test of this package")
		return 0
	}
	dir, err := os.MkdirTemp("", "redistest")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	s, err := start(bin, dir, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Stop()
	os.Setenv(EnvAddr, s.Addr())
	return m.Run()
}

// Addr is the server's address.
func (s *Server) Addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)) }

// Kill ends the server at once (SIGKILL), as a crash would.
func (s *Server) Kill() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc != nil {
		s.proc.Kill()
		<-s.exited
		s.proc = nil
	}
}

// Stop ends the server.
func (s *Server) Stop() { s.Kill() }

// Restart starts the server again on the same port.
func (s *Server) Restart(tb testing.TB) {
	tb.Helper()
	var err error
	for range 20 { // the port can take a moment to be free again
		if err = s.start(); err == nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.Fatalf("redis-server did not start again: %v", err)
}

func (s *Server) start() error {
	args := append(slices.Clone(s.conf),
		"--bind", "127.0.0.1", "--port", strconv.Itoa(s.port),
		"--save", "", "--appendonly", "no", "--dir", s.dir,
		"--daemonize", "no", "--logfile", "server.log")
	args = append(args, s.args...)
	cmd := exec.Command(s.bin, args...)
	cmd.Dir = s.dir
	setDeathSignal(cmd)
	if err := cmd.Start(); err != nil {
		return err
	}
	var werr error
	exited := make(chan struct{})
	go func() { werr = cmd.Wait(); close(exited) }()
	c := redis.NewClient(&redis.Options{Addr: s.Addr(), MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	defer c.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		err := c.Ping(ctx).Err()
		cancel()
		if err == nil {
			break
		}
		select {
		case <-exited:
			log, _ := os.ReadFile(filepath.Join(s.dir, "server.log"))
			return fmt.Errorf("redis-server exited (%v): %s", werr, lastLines(string(log), 5))
		default:
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			<-exited
			return fmt.Errorf("redis-server on port %d did not answer PING: %v", s.port, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.mu.Lock()
	s.proc, s.exited = cmd.Process, exited
	s.mu.Unlock()
	return nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

type quiet struct{}

func (quiet) Printf(context.Context, string, ...any) {}
