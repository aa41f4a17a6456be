package main

import (
	"crypto/fips140"
	"strings"
	"testing"
)

// Tokens of another library, jwx v3, written by the bench module's ES256K
// cross-check (testdata/README.md).
const (
	peerKey = "testdata/peer/jwx-es256k.pub.json"
	peerJWS = "testdata/peer/jwx-es256k.jws"
	peerJWT = "testdata/peer/jwx-es256k.jwt"
)

// TestPeerES256K: the command verifies a peer's ES256K JWS and JWT (RFC
// 8812), with nothing but the ext module it imports; a changed token fails
// with exit 1, and a key of another curve cannot be used for ES256K. In
// FIPS 140-3 mode, which refuses secp256k1, it refuses the key.
func TestPeerES256K(t *testing.T) {
	if fips140.Enabled() {
		mustRefuseInFIPS(t, "", "jws", "verify", "--key", peerKey, "--alg", "ES256K", peerJWS)
		mustRefuseInFIPS(t, "", "jwt", "verify", "--key", peerKey, "--alg", "ES256K", peerJWT)
		return
	}
	if got := mustJose(t, 0, "", "jws", "verify", "--key", peerKey, "--alg", "ES256K", peerJWS); got != "ES256K between libraries (RFC 8812)" {
		t.Errorf("peer JWS payload %q", got)
	}
	claims := mustJose(t, 0, "", "jwt", "verify", "--key", peerKey, "--alg", "ES256K",
		"--iss", "https://issuer.example.com", "--aud", "https://api.example.com", "--sub", "user-7f3c2a91", peerJWT)
	if !strings.Contains(claims, `"sub": "user-7f3c2a91"`) {
		t.Errorf("peer JWT claims:\n%s", claims)
	}
	// The key has no "alg": --alg is required, and must be one the key can do.
	mustJose(t, 2, "", "jws", "verify", "--key", peerKey, peerJWS)
	mustJose(t, 2, "", "jws", "verify", "--key", peerKey, "--alg", "ES256", peerJWS)
	// A changed payload fails.
	tok := strings.TrimSpace(readFile(t, peerJWS))
	parts := strings.Split(tok, ".")
	changed := parts[0] + "." + parts[1][:len(parts[1])-2] + "AA." + parts[2]
	mustJose(t, 1, changed, "jws", "verify", "--key", peerKey, "--alg", "ES256K")
	// A P-256 key never serves ES256K (RFC 8812 §5.4).
	p256 := writeFile(t, t.TempDir(), "p256.pub", mustJose(t, 0, "", "jwk", "pub", genKey(t, t.TempDir(), "p256.json", "--kty", "EC")))
	mustJose(t, 2, "", "jws", "verify", "--key", p256, "--alg", "ES256K", peerJWS)
	// Its thumbprint, as jwx and this library compute it (bench's TestES256KJWK).
	if tp := mustJose(t, 0, "", "jwk", "thumbprint", peerKey); len(strings.TrimSpace(tp)) != 43 {
		t.Errorf("thumbprint %q", tp)
	}
}

// TestES256KRoundTrip: the command makes secp256k1 keys and ES256K tokens
// of every kind and reads them back; FIPS 140-3 mode refuses them.
func TestES256KRoundTrip(t *testing.T) {
	if fips140.Enabled() {
		mustRefuseInFIPS(t, "", "jwk", "gen", "--kty", "EC", "--crv", "secp256k1", "--alg", "ES256K")
		return
	}
	dir := t.TempDir()
	key := genKey(t, dir, "k.json", "--kty", "EC", "--crv", "secp256k1", "--alg", "ES256K", "--kid", "k1")
	pub := writeFile(t, dir, "k.pub", mustJose(t, 0, "", "jwk", "pub", key))
	for _, format := range formats {
		tok := mustJose(t, 0, "k1", "jws", "sign", "--key", key, "--format", format)
		if got := mustJose(t, 0, tok, "jws", "verify", "--key", pub); got != "k1" {
			t.Errorf("%s: %q", format, got)
		}
	}
	jwtTok := mustJose(t, 0, "", "jwt", "sign", "--key", key, "--sub", "s", "--exp", "5m")
	mustJose(t, 0, jwtTok, "jwt", "verify", "--key", pub)
	if out := mustJose(t, 0, jwtTok, "inspect"); !strings.Contains(out, `"alg":"ES256K"`) {
		t.Errorf("inspect:\n%s", out)
	}
}
