package jwthttp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
)

// logLines returns the JSON lines a logger wrote to buf.
func logLines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		lines = append(lines, m)
	}
	return lines
}

// TestLogRefusal: each refused request gets one log line with the status,
// the code, the method, the path and the cause, and never the token, its
// parts, the query or a header; the response is the same as without a
// logger, and a custom error handler does not stop the line.
func TestLogRefusal(t *testing.T) {
	f := newFixture(t)
	const marker = "MARKER-7f3a9c"
	expired := f.token(func(m map[string]any) {
		m["exp"] = time.Now().Add(-time.Hour).Unix()
		m["jti"] = marker
	})
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	req := request{auth: []string{"Bearer " + expired}, query: "?q=" + marker}

	quiet := f.protect(jwthttp.WithLogger(slog.New(slog.DiscardHandler)))
	want := req.do(quiet)
	logged := f.protect(jwthttp.WithLogger(logger))
	got := req.do(logged)
	if got.Code != want.Code || challengeOf(got) != challengeOf(want) || got.Body.String() != want.Body.String() {
		t.Fatalf("the logger changed the response: %d %q, want %d %q", got.Code, challengeOf(got), want.Code, challengeOf(want))
	}
	lines := logLines(t, &buf)
	if len(lines) != 1 {
		t.Fatalf("%d log lines, want 1: %s", len(lines), buf.String())
	}
	line := lines[0]
	for k, v := range map[string]any{
		"level": "INFO", "msg": "jwthttp: request refused", "status": 401.0, "code": jwthttp.CodeInvalidToken,
		"scheme": "Bearer", "method": "GET", "path": "/resource",
	} {
		if line[k] != v {
			t.Errorf("%s = %v, want %v", k, line[k], v)
		}
	}
	if cause, _ := line["cause"].(string); !strings.Contains(cause, `claim "exp": expired`) || !strings.Contains(cause, "token expired") {
		t.Errorf("cause %q does not say why", cause)
	}
	text := buf.String()
	for _, secret := range append([]string{expired, marker}, strings.Split(expired, ".")...) {
		if strings.Contains(text, secret) {
			t.Errorf("the log holds %.20q…: %s", secret, text)
		}
	}

	// A custom handler: the line is written all the same.
	buf.Reset()
	custom := f.protect(jwthttp.WithLogger(logger), jwthttp.WithErrorHandler(func(w http.ResponseWriter, r *http.Request, e *jwthttp.ChallengeError) {
		http.Error(w, "no", e.Status)
	}))
	req.do(custom)
	if n := len(logLines(t, &buf)); n != 1 {
		t.Errorf("with a custom handler: %d lines", n)
	}

	// No token: the ordinary first request, at Debug only.
	buf.Reset()
	request{}.do(logged)
	if l := logLines(t, &buf); len(l) != 1 || l[0]["level"] != "DEBUG" || l[0]["status"] != 401.0 {
		t.Errorf("no token: %v", l)
	}
	buf.Reset()
	info := f.protect(jwthttp.WithLogger(slog.New(slog.NewJSONHandler(&buf, nil))))
	request{}.do(info)
	if buf.Len() != 0 {
		t.Errorf("no token logged at Info: %s", buf.String())
	}

	// A 503 is the server's failure: Warn.
	buf.Reset()
	down := f.protect(jwthttp.WithLogger(logger),
		jwthttp.WithVerifyOptions(jwt.WithJTIValidator(func(context.Context, jwt.TokenID) error { return errRedisDown })))
	request{auth: []string{"Bearer " + f.token(func(m map[string]any) { m["jti"] = "id" })}}.do(down)
	if l := logLines(t, &buf); len(l) != 1 || l[0]["level"] != "WARN" || l[0]["status"] != 503.0 ||
		!strings.Contains(l[0]["cause"].(string), "connection refused") {
		t.Errorf("503: %v", l)
	}
}

// TestLogDefault: without WithLogger, refusals go to slog.Default() as it
// is when the request is refused.
func TestLogDefault(t *testing.T) {
	f := newFixture(t)
	mw, err := jwthttp.Middleware[appClaims](f.verifyOptions())
	if err != nil {
		t.Fatal(err)
	}
	h := mw(echo())
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
	request{auth: []string{"Bearer not.a.token"}}.do(h)
	if !strings.Contains(buf.String(), "jwthttp: request refused") || !strings.Contains(buf.String(), "status=401") {
		t.Fatalf("default logger: %q", buf.String())
	}
}

// TestLogRequireScopeAlone: RequireScope behind no Middleware answers 500
// and says why in the default log.
func TestLogRequireScopeAlone(t *testing.T) {
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
	w := httptest.NewRecorder()
	jwthttp.RequireScope("read")(echo()).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/x", nil))
	if w.Code != http.StatusInternalServerError || !strings.Contains(buf.String(), "no Middleware verified") || !strings.Contains(buf.String(), "level=ERROR") {
		t.Fatalf("%d %q", w.Code, buf.String())
	}
}

// TestWithLoggerNil: a nil logger is an error (slog.DiscardHandler turns
// logging off).
func TestWithLoggerNil(t *testing.T) {
	f := newFixture(t)
	_, err := jwthttp.Middleware[appClaims](f.verifyOptions(), jwthttp.WithLogger(nil))
	if !errors.Is(err, jwt.ErrInvalidOption) || !strings.Contains(err.Error(), "WithLogger: the logger is nil") {
		t.Fatalf("got %v", err)
	}
}
