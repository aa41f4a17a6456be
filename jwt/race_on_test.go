//go:build race

package jwt_test

// raceEnabled: the race detector is on (sync.Pool then drops objects at
// random, so allocation counts mean nothing).
const raceEnabled = true
