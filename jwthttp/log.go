package jwthttp

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/joseproject/jose/internal/errwrap"
)

// WithLogger sets the logger that records each refused request: one line,
// "jwthttp: request refused", with the status, the error code, the scheme,
// the request's method and path, and the cause (the message of
// [ChallengeError.Err]). It never records the token, the query string or a
// header. Refusals are logged at slog.LevelInfo, a request that carries no
// token at all (the ordinary first request of a client, answered with a
// bare challenge) at slog.LevelDebug, and a 503 (a key set or a store the
// check needs is unavailable: the server's failure) at slog.LevelWarn.
//
// By default the middleware logs to slog.Default(), as it is when the
// request is refused. WithLogger(slog.New(slog.DiscardHandler)) turns the
// logging off; a nil logger is an error. The logging does not change the
// response, and it happens before the [ErrorHandler] runs, custom or not,
// so a custom handler that logs for itself should turn it off.
//
// Each line costs a little time on the path of a refused request, which
// anyone can send: a service that expects floods of bad tokens should give
// a handler that samples or rate-limits its lines.
func WithLogger(l *slog.Logger) Option {
	return option(func(c *config) error {
		if l == nil {
			return optionError("WithLogger: the logger is nil (slog.New(slog.DiscardHandler) turns logging off)")
		}
		c.logger = l
		return nil
	})
}

// logRefusal records e for r; see [WithLogger].
func (c *config) logRefusal(r *http.Request, e *ChallengeError) {
	l := c.logger
	if l == nil {
		l = slog.Default()
	}
	level := slog.LevelInfo
	switch {
	case e.Status >= http.StatusInternalServerError:
		level = slog.LevelWarn
	case errors.Is(e.Err, ErrMissingToken):
		level = slog.LevelDebug
	}
	logRefusal(r.Context(), l, level, r, e.Status, e.Code, e.Scheme, e.Err)
}

// logRefusal writes the line of [WithLogger]; err is the cause, written
// without the package names its message may hold.
func logRefusal(ctx context.Context, l *slog.Logger, level slog.Level, r *http.Request, status int, code, scheme string, err error) {
	if !l.Enabled(ctx, level) {
		return
	}
	cause := ""
	if err != nil {
		cause = errwrap.StripText(err.Error())
	}
	l.LogAttrs(ctx, level, "jwthttp: request refused",
		slog.Int("status", status),
		slog.String("code", code),
		slog.String("scheme", scheme),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.String("cause", cause))
}
