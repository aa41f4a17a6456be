package jwk

import (
	"crypto/rsa"
	"fmt"
	"math/big"
	"math/bits"
	"slices"

	"github.com/joseproject/jose/internal/jwkcodec"
	"github.com/joseproject/jose/jwa"
)

// Limits on RSA key material read from JSON, checked on the encoded length
// before any decoding or big-number work.
const (
	maxRSABytes  = 16384 / 8 // the modulus bound of checkRSAPublic
	maxRSAEBytes = 4         // e fits in 31 bits
)

// rsaKind is a key of kty "RSA" (RFC 7518 §6.3).
type rsaKind struct {
	pair[*rsa.PublicKey]           // priv: *rsa.PrivateKey, or a crypto.Signer or crypto.Decrypter
	weak                 bool      // an RSA key the caller accepted below 2048 bits, verify only
	e                    [4]byte   // e, big-endian, for ms
	ms                   [2]member // n, e
	req                  [2]member // e, n: sorted

	// parsed holds the public key of a key Parse read, in the same
	// allocation.
	parsed struct {
		pub rsa.PublicKey
		n   big.Int
	}
}

func (*rsaKind) keyType() jwa.KeyType { return jwa.KeyTypeRSA }
func (*rsaKind) curve() jwa.Curve     { return "" }

// newRSA makes the kind of a checked public key; n is its modulus,
// minimal big-endian, when the caller has it (Parse), else nil.
func newRSA(pub *rsa.PublicKey, priv any, n []byte) *rsaKind {
	k := &rsaKind{}
	k.init(pub, priv, n)
	return k
}

func (k *rsaKind) init(pub *rsa.PublicKey, priv any, n []byte) {
	k.pub, k.priv = pub, priv
	if n == nil {
		n = pub.N.Bytes()
	}
	e := uint32(pub.E) // checkRSAPublic: 3 ≤ e < 2^31
	k.e = [4]byte{byte(e >> 24), byte(e >> 16), byte(e >> 8), byte(e)}
	k.ms = [2]member{jwkcodec.Data("n", n), jwkcodec.Data("e", k.e[bits.LeadingZeros32(e)/8:])}
	k.req = [2]member{k.ms[1], k.ms[0]}
}

func (k *rsaKind) required() ([]member, error) { return k.req[:], nil }

// rsaFromGo checks an RSA key: a private key must be consistent and have
// two primes, the public exponent and modulus must be sound, and a
// modulus with the ROCA fingerprint is refused unless the caller wrapped
// the key in jwa.WeakRSAPublicKey.
func rsaFromGo(raw any) (keyKind, bool, error) {
	switch key := raw.(type) {
	case *rsa.PrivateKey:
		if key == nil || key.N == nil {
			return nil, true, invalid("nil RSA private key")
		}
		if len(key.Primes) != 2 {
			return nil, true, invalid("RSA keys with %d primes are not supported (multi-prime keys are refused)", len(key.Primes))
		}
		if err := key.Validate(); err != nil {
			return nil, true, invalid("RSA private key: %w", err)
		}
		if err := checkRSA(&key.PublicKey); err != nil {
			return nil, true, err
		}
		return newRSA(&key.PublicKey, key, nil), true, nil
	case *rsa.PublicKey:
		if err := checkRSA(key); err != nil {
			return nil, true, err
		}
		return newRSA(key, nil, nil), true, nil
	case jwa.WeakRSAPublicKey:
		if err := checkRSAPublic(key.Key); err != nil {
			return nil, true, err
		}
		k := newRSA(key.Key, nil, nil)
		k.weak = true
		return k, true, nil
	}
	return nil, false, nil
}

// checkRSA checks a public key that is not a jwa.WeakRSAPublicKey.
func checkRSA(key *rsa.PublicKey) error {
	if err := checkRSAPublic(key); err != nil {
		return err
	}
	return refuseROCA(key)
}

func checkRSAPublic(key *rsa.PublicKey) error {
	if key == nil || key.N == nil || key.N.Sign() <= 0 {
		return invalid("nil RSA public key")
	}
	// T09: e = 1 makes encryption the identity; an even e has no inverse.
	if key.E < 3 || key.E%2 == 0 {
		return invalid("RSA public exponent %d", key.E)
	}
	if key.N.Bit(0) == 0 {
		return invalid("RSA modulus is even")
	}
	if key.N.BitLen() > 16384 {
		return invalid("RSA modulus of %d bits is over the 16384-bit limit", key.N.BitLen())
	}
	return nil
}

// refuseROCA refuses a modulus with the ROCA fingerprint (T09,
// CVE-2017-15361; roca.go). A jwa.WeakRSAPublicKey, the caller's explicit
// acceptance of a legacy key, is not checked.
func refuseROCA(key *rsa.PublicKey) error {
	if hasROCAFingerprint(key.N) {
		return fmt.Errorf("jwk: the %d-bit RSA modulus has the ROCA fingerprint (CVE-2017-15361): its primes came from a flawed generator and can be recovered: %w",
			key.N.BitLen(), ErrVulnerableKey)
	}
	return nil
}

func (k *rsaKind) public() keyKind { return publicOf(k) }

func (k *rsaKind) members(private bool) ([]member, error) {
	priv, ok, err := privateAs[*rsa.PrivateKey](private, k.priv)
	if !ok {
		return publicOnly(k.ms[:], err)
	}
	pre := priv.Precomputed
	if pre.Dp == nil || pre.Dq == nil || pre.Qinv == nil {
		c := *priv // checked when made; compute the CRT values on a copy
		c.Precompute()
		pre = c.Precomputed
	}
	return append(k.ms[:],
		jwkcodec.Data("d", priv.D.Bytes()),
		jwkcodec.Data("p", priv.Primes[0].Bytes()),
		jwkcodec.Data("q", priv.Primes[1].Bytes()),
		jwkcodec.Data("dp", pre.Dp.Bytes()),
		jwkcodec.Data("dq", pre.Dq.Bytes()),
		jwkcodec.Data("qi", pre.Qinv.Bytes()),
	), nil
}

func (k *rsaKind) equal(o keyKind) bool {
	r, ok := o.(*rsaKind)
	return ok && samePair(&k.pair, &r.pair)
}

func (k *rsaKind) bindKey(op operation) any {
	switch {
	case !k.weak:
		return k.pair.bindKey(op)
	case op == opVerify:
		return jwa.WeakRSAPublicKey{Key: k.pub}
	}
	return nil // verify only
}

// parseRSA reads an RSA key (RFC 7518 §6.3).
func parseRSA(m members) (keyKind, error) {
	const kty = jwa.KeyTypeRSA
	if _, ok := m["oth"]; ok {
		return nil, invalid("RSA keys with more than two primes (\"oth\") are not supported")
	}
	n, err := m.Need(kty, "n", maxRSABytes)
	if err != nil {
		return nil, err
	}
	var ebuf [8]byte // what a valid encoding of at most maxRSAEBytes decodes to
	eb, ok, err := m.AppendBytes(ebuf[:0], "e", maxRSAEBytes)
	if err == nil && !ok {
		err = malformed("%s key without %q", kty, "e")
	}
	if err != nil {
		return nil, err
	}
	var e uint32 // at most 4 bytes (maxRSAEBytes)
	for _, c := range eb {
		e = e<<8 | uint32(c)
	}
	if e > 1<<31-1 {
		return nil, invalid("RSA member \"e\" is too large")
	}
	k := &rsaKind{}
	pub := &k.parsed.pub
	pub.N, pub.E = k.parsed.n.SetBytes(n), int(e)
	private := []string{"d", "p", "q", "dp", "dq", "qi"}
	vals := make([]*big.Int, len(private))
	var have int
	for i, name := range private {
		b, ok, err := m.Bytes(name, maxRSABytes)
		if err != nil {
			return nil, err
		}
		if ok {
			vals[i] = new(big.Int).SetBytes(b)
			have++
		}
	}
	switch {
	case have == 0:
		if err := checkRSA(pub); err != nil {
			return nil, err
		}
		k.init(pub, nil, minimal(n))
		return k, nil
	case have == 1 && vals[0] != nil:
		// RFC 7518 §6.3.2 allows d alone, but such a key cannot be checked
		// for consistency; ask for the full form.
		return nil, invalid("RSA private key with \"d\" only: p, q, dp, dq and qi are required")
	case have != len(private):
		missing := private[slices.IndexFunc(vals, func(v *big.Int) bool { return v == nil })]
		return nil, malformed("RSA private key without %q", missing) // RFC 7518 §6.3.2
	}
	priv := &rsa.PrivateKey{
		PublicKey: *pub,
		D:         vals[0],
		Primes:    []*big.Int{vals[1], vals[2]},
		Precomputed: rsa.PrecomputedValues{
			Dp: vals[3], Dq: vals[4], Qinv: vals[5],
		},
	}
	// Precompute keeps consistent CRT values; rsaFromGo's Validate then
	// checks n = pq, d, dp, dq and qi, and refuses inconsistent ones.
	priv.Precompute()
	kind, _, err := rsaFromGo(priv)
	return kind, err
}

// minimal returns b without its leading zeros (RFC 7518 §2
// Base64urlUInt), so that a modulus read with them is written without.
func minimal(b []byte) []byte {
	for len(b) > 0 && b[0] == 0 {
		b = b[1:]
	}
	return b
}
