package jwkring

import (
	"fmt"
	"slices"
	"time"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// Defaults and limits of a ring.
const (
	// DefaultAlgorithm signs when [Policy.Algorithm] is empty: ECDSA on
	// P-256, which every JOSE verifier implements, with small keys that are
	// quick to generate.
	DefaultAlgorithm = jwa.ES256

	// MaxKeys bounds the keys a ring holds at once (next, current and
	// previous). A policy whose schedule needs more is refused, and so is
	// a rotation that would pass it ([jwa.ErrLimitExceeded]).
	MaxKeys = 32

	// MaxDuration bounds each duration of a [Policy] (ten years), so that
	// no sum of them overflows.
	MaxDuration = 10 * 365 * 24 * time.Hour

	// MinPeriod is the shortest period and lead time, and MinLifetime the
	// shortest token lifetime: "exp" counts whole seconds.
	MinPeriod   = time.Millisecond
	MinLifetime = time.Second

	// DefaultTimeout bounds each call to the store made by the ring's own
	// background work ([WithTimeout]).
	DefaultTimeout = 10 * time.Second
)

// signingAlgorithms are the algorithms a ring can generate keys for: the
// asymmetric ones, whose public half can be published.
var signingAlgorithms = []jwa.SignatureAlgorithm{
	jwa.ES256, jwa.ES384, jwa.ES512, jwa.EdDSA, jwa.Ed25519,
	jwa.RS256, jwa.RS384, jwa.RS512, jwa.PS256, jwa.PS384, jwa.PS512,
}

// Policy is the rotation policy of a [Ring]: which keys it makes and when
// each is published, used and retired. The package documentation draws the
// timeline and states the invariants the policy keeps. Every instance of a
// service that shares a [Store] must run the same policy.
type Policy struct {
	// Algorithm is the signature algorithm of new keys (default
	// [DefaultAlgorithm]): ES256, ES384, ES512, EdDSA, Ed25519, RS256,
	// RS384, RS512, PS256, PS384 or PS512. Changing it takes effect at the
	// next rotation; every key keeps its own algorithm. HMAC is refused: a
	// secret cannot be published.
	Algorithm jwa.SignatureAlgorithm

	// RSABits is the modulus size of new RSA keys: 0 for 2048, or 2048 to
	// 8192, a multiple of 8. It must be 0 for the other algorithms.
	RSABits int

	// Period is how long each key signs (P): a new key starts signing
	// every Period. At least [MinPeriod], at least Lead.
	Period time.Duration

	// Lead is how long a key is published before it signs (L), at least
	// [MinPeriod]. The key set's Cache-Control max-age is Lead minus the
	// reload interval, so that every verifier has fetched the key before
	// its first token. It must be at least the minimum refresh interval of
	// every verifier (jwk.Remote: [jwk.DefaultMinRefresh], one minute,
	// unless jwk.WithRefreshInterval lowers it), plus the reload interval.
	Lead time.Duration

	// MaxTokenLifetime is the longest a token may be valid (T), at least
	// [MinLifetime]: [Ring.Sign] refuses a token whose "exp" is later than
	// this from now, and a key stays published this long (plus Leeway)
	// after its last token.
	MaxTokenLifetime time.Duration

	// Leeway is the verifiers' allowance for clock skew (ε; zero or more):
	// a verifier may accept a token up to this long after its "exp", so
	// the key stays published that much longer. It also covers the skew
	// between the clocks of the issuer's instances.
	Leeway time.Duration
}

// Validate checks the policy and fills in its defaults. Errors wrap
// [ErrPolicy] and name the rule that fails.
func (p *Policy) Validate() (err error) {
	defer errwrap.Own(&err, "jwkring")
	if p.Algorithm == "" {
		p.Algorithm = DefaultAlgorithm
	}
	if !slices.Contains(signingAlgorithms, p.Algorithm) {
		return fmt.Errorf("jwkring: Policy.Algorithm %.40q: want one of %v (asymmetric, so that its keys can be published): %w: %w",
			p.Algorithm, signingAlgorithms, ErrPolicy, jwa.ErrUnsupportedAlgorithm)
	}
	if p.RSABits != 0 && (p.keyType() != jwa.KeyTypeRSA || p.RSABits < 2048 || p.RSABits > 8192 || p.RSABits%8 != 0) {
		return policyError("Policy.RSABits %d: want 0, or 2048 to 8192 (a multiple of 8) with an RSA algorithm", p.RSABits)
	}
	for _, d := range []struct {
		name     string
		v, least time.Duration
	}{
		{"Period", p.Period, MinPeriod},
		{"Lead", p.Lead, MinPeriod},
		{"MaxTokenLifetime", p.MaxTokenLifetime, MinLifetime},
		{"Leeway", p.Leeway, 0},
	} {
		if d.v < d.least || d.v > MaxDuration {
			return policyError("Policy.%s %v: want %v to %v", d.name, d.v, d.least, MaxDuration)
		}
	}
	if p.Lead > p.Period {
		return policyError("Policy.Lead %v is longer than Policy.Period %v: a key must be published a lead time before it signs, and one starts signing every period", p.Lead, p.Period)
	}
	// Keys published at once: the next one, the current one, and the
	// previous ones still inside their hold.
	if n := 2 + int((p.hold()+p.Period-1)/p.Period); n > MaxKeys {
		return policyError("Policy.MaxTokenLifetime plus Leeway (%v) is %d periods of %v: the ring would publish %d keys, over MaxKeys (%d); lengthen the period",
			p.hold(), n-2, p.Period, n, MaxKeys)
	}
	return nil
}

// hold is how long a key stays published after it stops signing: the
// last token it signed may be valid that long.
func (p Policy) hold() time.Duration { return p.MaxTokenLifetime + p.Leeway }

func (p Policy) keyType() jwa.KeyType {
	switch p.Algorithm {
	case jwa.RS256, jwa.RS384, jwa.RS512, jwa.PS256, jwa.PS384, jwa.PS512:
		return jwa.KeyTypeRSA
	case jwa.EdDSA, jwa.Ed25519:
		return jwa.KeyTypeOKP
	}
	return jwa.KeyTypeEC
}

// generate makes a new signing key for the policy: its kid is its RFC 7638
// thumbprint and its use is "sig".
func (p *Policy) generate() (*jwk.Key, error) {
	opts := []jwk.GenerateOption{jwk.WithUse("sig"), jwk.WithThumbprintKeyID()}
	if p.RSABits != 0 {
		opts = append(opts, jwk.WithBits(p.RSABits))
	}
	k, err := jwk.Generate(p.Algorithm, opts...)
	if err != nil {
		return nil, fmt.Errorf("jwkring: generating a %s key: %w", p.Algorithm, err)
	}
	return k, nil
}
