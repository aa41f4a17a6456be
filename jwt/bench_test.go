package jwt_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
)

// benchKeys are testKeys as jwk.Keys made once, the way a service holds
// its keys (a []byte or a standard library key given to each call is
// checked on each call).
func benchKeys(b testing.TB) []keyPair {
	keys := testKeys(b)
	for i := range keys {
		for _, k := range []*any{&keys[i].priv, &keys[i].pub} {
			jk, err := jwk.FromKey(*k)
			if err != nil {
				b.Fatal(err)
			}
			*k = jk
		}
	}
	return keys
}

// The benchmarks sign and verify sampleClaims (about 300 bytes of JSON)
// with each algorithm family, and do the same with jws alone, so that the
// cost of the JWT layer (marshalling, claim parsing, validation, decoding
// into the struct) shows next to the signature's: /jwt minus /jws.
func BenchmarkSign(b *testing.B) {
	claims := sampleClaims()
	payload, _ := json.Marshal(claims)
	b.Logf("claim set: %d bytes", len(payload))
	for _, k := range benchKeys(b) {
		tok, err := jwt.Sign(claims, k.alg, k.priv)
		if err != nil {
			b.Fatal(err)
		}
		sign, _ := rawPrimitive(b, k, tok)
		b.Run(string(k.alg)+"/raw", func(b *testing.B) { benchRaw(b, sign) })
		b.Run(string(k.alg)+"/jwt", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := jwt.Sign(claims, k.alg, k.priv); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(string(k.alg)+"/jws", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := jws.Sign(payload, jws.WithKey(k.alg, k.priv), jws.WithType("JWT")); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// verifyOptions are the options of the verify benchmarks: the key, the
// issuer and the audience; "exp" is required by default.
func verifyOptions(k keyPair) []jwt.VerifyOption {
	return []jwt.VerifyOption{
		jwt.WithKey(k.alg, k.pub), jwt.WithClock(clock),
		jwt.WithIssuer("https://issuer.example.com"), jwt.WithAudience("https://api.example.com"),
	}
}

func BenchmarkVerify(b *testing.B) {
	claims := sampleClaims()
	for _, k := range benchKeys(b) {
		tok, err := jwt.Sign(claims, k.alg, k.priv)
		if err != nil {
			b.Fatal(err)
		}
		opts := verifyOptions(k)
		_, verify := rawPrimitive(b, k, tok)
		b.Run(string(k.alg)+"/raw", func(b *testing.B) { benchRaw(b, verify) })
		b.Run(string(k.alg)+"/jwt", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := jwt.Verify[accessClaims](tok, opts...); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(string(k.alg)+"/jws", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := jws.Verify(tok, jws.WithKey(k.alg, k.pub)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerifyParallel verifies from every P (run it with -cpu 1,2):
// throughput should grow with the cores, with a key given and with a
// remote key set, whose keys are cached after the first fetch. Nothing on
// the path takes a lock or bumps a shared counter.
func BenchmarkVerifyParallel(b *testing.B) {
	claims := sampleClaims()
	keys := benchKeys(b)
	for _, k := range []keyPair{keys[0], keys[1]} { // HS256, ES256
		tok, err := jwt.Sign(claims, k.alg, k.priv)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(string(k.alg)+"/key", func(b *testing.B) { verifyParallel(b, tok, verifyOptions(k)) })
	}

	// A remote set of one ES256 key, fetched once from loopback.
	priv, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("k1"))
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		set, err := jwk.NewSet(priv)
		if err != nil {
			b.Error(err)
			return
		}
		_ = json.NewEncoder(w).Encode(set.Public())
	}))
	defer srv.Close()
	remote, err := jwk.NewRemote(srv.URL, jwk.WithInsecureHTTP())
	if err != nil {
		b.Fatal(err)
	}
	defer remote.Close()
	tok, err := jwt.Sign(claims, jwa.ES256, priv)
	if err != nil {
		b.Fatal(err)
	}
	opts := []jwt.VerifyOption{
		jwt.WithKeySet(remote, jwa.ES256), jwt.WithClock(clock),
		jwt.WithIssuer("https://issuer.example.com"), jwt.WithAudience("https://api.example.com"),
	}
	if _, err := jwt.Verify[accessClaims](tok, opts...); err != nil { // the fetch
		b.Fatal(err)
	}
	b.Run("ES256/remote", func(b *testing.B) { verifyParallel(b, tok, opts) })
}

// verifyParallel verifies tok with opts from every P.
func verifyParallel(b *testing.B, tok string, opts []jwt.VerifyOption) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := jwt.Verify[accessClaims](tok, opts...); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
