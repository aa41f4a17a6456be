package jwk

import (
	"strings"
	"testing"
)

// FuzzFetchedSet: whatever a provider serves, a fetched set is refused
// with an error, or holds at least one key and no private key or secret
// (T66).
func FuzzFetchedSet(f *testing.F) {
	seedKeys(f)
	for _, s := range []string{
		`{"keys":[{"kty":"OKP","crv":"Ed448","x":"AAAA","d":"AAAA"}]}`,
		`{"keys":[{"kty":"AKP","alg":"ML-DSA-44","pub":"AAAA","priv":"AAAA"}]}`,
		`{"keys":[{"kty":"o\u0063t","k":"AAAA"}]}`,
		`{"keys":[{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}]}`,
		`{"keys":[]}`, `{"keys":{}}`, `{}`, `[]`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		set, err := parseFetchedSet(body)
		if err != nil {
			if set != nil {
				t.Fatal("a set returned with an error")
			}
			return
		}
		if set.Len() == 0 {
			t.Fatal("an empty set accepted")
		}
		for _, k := range set.Keys() {
			if k.IsPrivate() || k.IsSymmetric() {
				t.Fatalf("%v accepted from a remote set", k)
			}
		}
	})
}

// FuzzDiscoveryDocument: a provider configuration gives its jwks_uri only
// when it states the issuer asked for, by the exact member name.
func FuzzDiscoveryDocument(f *testing.F) {
	const issuer = "https://idp.example"
	for _, s := range []string{
		`{"issuer":"https://idp.example","jwks_uri":"https://idp.example/keys"}`,
		`{"ISSUER":"https://idp.example","jwks_uri":"https://idp.example/keys"}`,
		`{"issuer":"https://idp.example","issuer":"https://evil.example"}`,
		`{"issuer":"https://idp.example/","jwks_uri":"x"}`,
		`{"issuer":1}`, `{"issuer":"https://idp.example"}`, `[]`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		uri, err := jwksURIOf(body, issuer)
		if err != nil {
			return
		}
		if uri == "" {
			t.Fatal("an empty jwks_uri accepted")
		}
		if !strings.Contains(string(body), `"issuer"`) && !strings.Contains(string(body), `\u`) {
			t.Fatalf("accepted without an \"issuer\" member: %q", body)
		}
	})
}
