package jwkring

import (
	"errors"
	"fmt"

	"github.com/joseproject/jose/jwa"
)

// Sentinel errors. Every error of this package wraps one of them, or a
// sentinel of jwa, jwk or jwt where the refusal is theirs, with the cause
// beside it. No error holds key material or a token.
var (
	// ErrPolicy: a [Policy] or an [Option] that is invalid, or that
	// cannot keep the timing invariants (a lead time longer than the
	// period, a zero lifetime, a reload interval not shorter than the lead
	// time, a nil store, a key-encryption key of the wrong size...).
	ErrPolicy = errors.New("jwkring: invalid policy")

	// ErrStore: the [Store] failed (unreachable, timed out, answered an
	// error) or lost the same compare-and-swap several times in a row.
	// The ring keeps the state it had: the current key keeps signing.
	ErrStore = errors.New("jwkring: the key store failed")

	// ErrConflict is what a [Store] returns from CompareAndSwap when the
	// stored state is not the one the ring read: another instance wrote
	// first. The ring reads the state again and decides anew.
	ErrConflict = errors.New("jwkring: the stored state changed meanwhile")

	// ErrState: the stored state cannot be used. It does not decrypt under
	// the key-encryption key (wrong key, or altered: jwa.ErrDecryption is
	// wrapped too), it is malformed (jwa.ErrMalformed), it is older than
	// the state this ring already holds (rolled back), or its schedule is
	// ahead of the ring's clock by more than Period plus Leeway (written by
	// a clock that ran ahead; no rotation is made until the clocks agree).
	ErrState = errors.New("jwkring: the stored state cannot be used")

	// ErrLifetime: a token that [Ring.Sign] would return has no "exp", or
	// an "exp" later than the policy's MaxTokenLifetime from now. Such a
	// token would outlive the publication of its key.
	ErrLifetime = errors.New("jwkring: token lifetime outside the policy")

	// ErrClosed: the ring was closed ([Ring.Close]).
	ErrClosed = errors.New("jwkring: the ring is closed")
)

// errNilRing is returned by every method of a nil *Ring, or of a Ring not
// made by New (its zero value).
var errNilRing = fmt.Errorf("jwkring: the *jwkring.Ring is nil, or was not made by New (was the error of New checked?): %w", jwa.ErrInvalidKey)

func policyError(format string, args ...any) error {
	return fmt.Errorf("jwkring: "+format+": %w", append(args, ErrPolicy)...)
}
