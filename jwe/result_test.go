package jwe

import (
	"encoding/json"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
)

// TestResultAuthenticatedView: a token whose "cty" is in the shared
// unprotected header and whose "typ" is in the per-recipient one. The
// decryption authenticates neither: rewriting them leaves the token
// decryptable, while rewriting the protected header does not. The Result
// keeps them out of Protected and says where each member came from
// (threat T61).
func TestResultAuthenticatedView(t *testing.T) {
	tok, err := Encrypt([]byte("x"), WithRecipient(jwa.A128KW, kw16), WithEncryption(jwa.A128GCM),
		WithSharedHeader("cty", "JWT"), WithRecipientHeader("typ", "secevent+jwt"), WithFlattened())
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(tok), &m); err != nil {
		t.Fatal(err)
	}
	m["unprotected"] = map[string]any{"cty": "evil"}
	forged := marshal(m)

	r, err := DecryptMessage(forged, a128kwOpts...)
	if err != nil {
		t.Fatalf("the unprotected header is not authenticated, yet: %v", err)
	}
	if r.Protected.ContentType() != "" || r.Protected.Type() != "" {
		t.Fatalf("protected header holds %s", mustJSON(r.Protected))
	}
	for _, tc := range []struct {
		name, value string
		from        HeaderSource
	}{
		{"enc", `"A128GCM"`, InProtected},
		{"cty", `"evil"`, InShared},
		{"typ", `"secevent+jwt"`, InPerRecipient},
		{"alg", `"A128KW"`, InProtected},
		{"zip", ``, Absent},
	} {
		v, from := r.Source(tc.name)
		if string(v) != tc.value || from != tc.from || from.Authenticated() != (tc.from == InProtected) {
			t.Fatalf("Source(%q) = %s, %v; want %s, %v", tc.name, v, from, tc.value, tc.from)
		}
	}
	if r.Algorithm != jwa.A128KW || r.Encryption != jwa.A128GCM {
		t.Fatalf("alg %s, enc %s", r.Algorithm, r.Encryption)
	}

	// The same rewrite in the protected header fails as any tampering does.
	delete(m, "unprotected")
	if got := string(b64(t, m["protected"].(string))); got != `{"alg":"A128KW","enc":"A128GCM"}` {
		t.Fatalf("protected header %s", got)
	}
	m["protected"] = base64url.EncodeToString([]byte(`{"alg":"A128KW","enc":"A128GCM","cty":"evil"}`))
	_, err = Decrypt(marshal(m), a128kwOpts...)
	if err != errDecrypt {
		t.Fatalf("tampered protected header: %v", err)
	}

	names := map[HeaderSource]string{Absent: "absent", InProtected: "protected", InShared: "shared unprotected", InPerRecipient: "per-recipient unprotected", 9: "unknown"}
	for s, want := range names {
		if s.String() != want {
			t.Fatalf("%d.String() = %q, want %q", s, s, want)
		}
	}
}
