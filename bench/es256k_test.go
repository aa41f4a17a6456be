//go:build jwx_es256k

package bench

// ES256K (RFC 8812) between this library, with its ext/secp256k1 module,
// and jwx v3, whose ES256K is behind its jwx_es256k build tag (run.sh sets
// it): each verifies the other's JWS and JWT, and both read the same JWK to
// the same thumbprint. With -update-peer the test also writes tokens made
// by jwx to ../cmd/jose/testdata/peer, where the command's own tests
// verify them without jwx or network.

import (
	"crypto"
	"encoding/base64"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	jwxjwa "github.com/lestrrat-go/jwx/v3/jwa"
	jwxjwk "github.com/lestrrat-go/jwx/v3/jwk"
	jwxjws "github.com/lestrrat-go/jwx/v3/jws"
	jwxjwt "github.com/lestrrat-go/jwx/v3/jwt"

	_ "github.com/joseproject/jose/ext/secp256k1" // registers ES256K and secp256k1 keys
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
)

var updatePeer = flag.Bool("update-peer", false, "write ES256K tokens made by jwx to ../cmd/jose/testdata/peer")

// es256kPayload is the payload of the JWS; the JWT carries the claims of
// fixtures.go (iss, sub, aud, exp in 2100).
const es256kPayload = "ES256K between libraries (RFC 8812)"

type es256kKeys struct {
	ours, oursPub *jwk.Key
	jwx, jwxPub   jwxjwk.Key
}

func loadES256K(t *testing.T) es256kKeys {
	t.Helper()
	data, err := os.ReadFile("testdata/keys/secp256k1.json")
	if err != nil {
		t.Fatal(err)
	}
	var k es256kKeys
	if k.ours, err = jwk.Parse(data); err != nil {
		t.Fatalf("ours: %v", err)
	}
	k.oursPub = k.ours.Public()
	if k.jwx, err = jwxjwk.ParseKey(data); err != nil {
		t.Fatalf("jwx: %v", err)
	}
	if k.jwxPub, err = k.jwx.PublicKey(); err != nil {
		t.Fatalf("jwx: %v", err)
	}
	return k
}

// TestES256KCrossCheck: a JWS and a JWT from each library verify in the
// other; a changed signature fails in both.
func TestES256KCrossCheck(t *testing.T) {
	k := loadES256K(t)
	ourJWS, err := jws.Sign([]byte(es256kPayload), jws.WithKey(jwa.ES256K, k.ours))
	if err != nil {
		t.Fatal(err)
	}
	jwxJWS, err := jwxjws.Sign([]byte(es256kPayload), jwxjws.WithKey(jwxjwa.ES256K(), k.jwx))
	if err != nil {
		t.Fatal(err)
	}
	ourJWT, err := jwt.Sign(map[string]any{"iss": Issuer, "sub": Subject, "aud": Audiences, "exp": Expiry}, jwa.ES256K, k.ours)
	if err != nil {
		t.Fatal(err)
	}
	jwxJWT := signJWXJWT(t, k)

	// jwx reads ours.
	if got, err := jwxjws.Verify([]byte(ourJWS), jwxjws.WithKey(jwxjwa.ES256K(), k.jwxPub)); err != nil || string(got) != es256kPayload {
		t.Errorf("jwx verifying our JWS: %q, %v", got, err)
	}
	if tok, err := jwxjwt.Parse([]byte(ourJWT), jwxjwt.WithKey(jwxjwa.ES256K(), k.jwxPub), jwxjwt.WithIssuer(Issuer),
		jwxjwt.WithAudience(Audience), jwxjwt.WithRequiredClaim("exp")); err != nil {
		t.Errorf("jwx verifying our JWT: %v", err)
	} else if sub, _ := tok.Subject(); sub != Subject {
		t.Errorf("jwx read sub %q from our JWT", sub)
	}
	// Ours reads jwx's.
	if got, err := jws.Verify(string(jwxJWS), jws.WithKey(jwa.ES256K, k.oursPub)); err != nil || string(got) != es256kPayload {
		t.Errorf("verifying jwx's JWS: %q, %v", got, err)
	}
	claims, err := jwt.Verify[jwt.Claims](string(jwxJWT), jwt.WithKey(jwa.ES256K, k.oursPub), jwt.WithIssuer(Issuer), jwt.WithAudience(Audience))
	if err != nil || claims.Subject != Subject {
		t.Errorf("verifying jwx's JWT: %+v, %v", claims, err)
	}
	// A signature of the other library, changed, fails in both.
	if _, err := jws.Verify(string(flipSignature(t, jwxJWS)), jws.WithKey(jwa.ES256K, k.oursPub)); err == nil {
		t.Error("a changed jwx signature verified")
	}
	if _, err := jwxjws.Verify(flipSignature(t, []byte(ourJWS)), jwxjws.WithKey(jwxjwa.ES256K(), k.jwxPub)); err == nil {
		t.Error("jwx verified a changed signature of ours")
	}
	// A P-256 key never serves ES256K in either (RFC 8812 §5.4).
	if _, err := jws.Verify(string(jwxJWS), jws.WithKey(jwa.ES256K, mustP256(t))); err == nil {
		t.Error("a P-256 key verified ES256K")
	}

	if *updatePeer {
		writePeer(t, k, jwxJWS, jwxJWT)
	}
}

// TestES256KJWK: both libraries read the other's public JWK and compute the
// same RFC 7638 thumbprint.
func TestES256KJWK(t *testing.T) {
	k := loadES256K(t)
	ours, err := k.oursPub.Thumbprint(crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := k.jwxPub.Thumbprint(crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if string(ours) != string(theirs) {
		t.Errorf("thumbprints differ: ours %x, jwx %x", ours, theirs)
	}
	jwxJSON := jwxPublicJSON(t, k)
	back, err := jwk.Parse(jwxJSON)
	if err != nil {
		t.Fatalf("parsing jwx's JWK: %v", err)
	}
	if !back.Equal(k.oursPub) {
		t.Errorf("jwx's JWK %s is another key", jwxJSON)
	}
	ourJSON, err := k.oursPub.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := jwxjwk.ParseKey(ourJSON); err != nil {
		t.Errorf("jwx parsing our JWK: %v", err)
	}
}

func signJWXJWT(t *testing.T, k es256kKeys) []byte {
	t.Helper()
	tok, err := jwxjwt.NewBuilder().Issuer(Issuer).Subject(Subject).Audience(Audiences).
		Expiration(time.Unix(Expiry, 0)).Build()
	if err != nil {
		t.Fatal(err)
	}
	signed, err := jwxjwt.Sign(tok, jwxjwt.WithKey(jwxjwa.ES256K(), k.jwx))
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

func jwxPublicJSON(t *testing.T, k es256kKeys) []byte {
	t.Helper()
	b, err := json.Marshal(k.jwxPub)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// flipSignature changes one bit of a compact JWS's signature.
func flipSignature(t *testing.T, tok []byte) []byte {
	t.Helper()
	i := len(tok) - 1
	for ; i >= 0 && tok[i] != '.'; i-- {
	}
	sig, err := base64.RawURLEncoding.DecodeString(string(tok[i+1:]))
	if err != nil {
		t.Fatal(err)
	}
	sig[len(sig)/2] ^= 1
	return append(append([]byte{}, tok[:i+1]...), base64.RawURLEncoding.EncodeToString(sig)...)
}

func mustP256(t *testing.T) *jwk.Key {
	t.Helper()
	k, err := jwk.Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	return k.Public()
}

// writePeer writes what the command's tests read: jwx's public JWK, a JWS
// and a JWT jwx signed with its private key.
func writePeer(t *testing.T, k es256kKeys, jwsTok, jwtTok []byte) {
	dir := filepath.Join("..", "cmd", "jose", "testdata", "peer")
	for name, data := range map[string][]byte{
		"jwx-es256k.pub.json": jwxPublicJSON(t, k),
		"jwx-es256k.jws":      jwsTok,
		"jwx-es256k.jwt":      jwtTok,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("wrote %s", dir)
}
