package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/joseproject/jose/jwa"
)

// algStatus says how settled an algorithm name is, for the notes of
// inspect and jwk gen: "deprecated" or "draft", with the document that says
// so; "" for an algorithm of a published standard in good standing.
func algStatus(name string) string {
	switch {
	case name == string(jwa.EdDSA):
		return `deprecated: RFC 9864 replaces the polymorphic "EdDSA" with "Ed25519" and "Ed448"`
	case name == string(jwa.RSA1_5):
		return "deprecated: RFC 8725 §3.2 advises against RSAES-PKCS1-v1_5; use RSA-OAEP-256"
	case name == string(jwa.C20P) || name == string(jwa.XC20P):
		return "draft: draft-amringer-jose-chacha, not an RFC"
	case strings.HasPrefix(name, "HPKE-"):
		return "draft: draft-ietf-jose-hpke-encrypt (HPKE-0 to HPKE-7) and draft-skokan-jose-hpke-pq-pqt (HPKE-8 and up), not RFCs"
	}
	return ""
}

// fipsNamed is a name with a FIPS 140-3 status: a JWS or JWE "alg", an
// "enc", or a curve.
type fipsNamed interface {
	~string
	FIPS() jwa.FIPSStatus
}

// printStatus writes what the command says about an algorithm or a curve
// that a token or a flag names, if name is not empty: the line
//
//	LABEL NAME: FIPS 140-3 approved: BASIS   (or not approved: WHY)
//
// in any mode, and after it, for an algorithm that is deprecated or only a
// draft (algStatus), the line
//
//	note: WHAT "NAME" is deprecated: ...
//
// where WHAT names the header member or the flag (`"alg"`, "--alg"); with
// noted not nil, a note is written once for each WHAT and name. It is the
// one place the command says how approved and how settled a name is.
func printStatus[T fipsNamed](w io.Writer, label, what string, name T, noted map[string]bool) {
	if name == "" {
		return
	}
	fmt.Fprintf(w, "%s %s: FIPS 140-3 %s\n", label, name, name.FIPS())
	s := algStatus(string(name))
	if s == "" || noted[what+" "+string(name)] {
		return
	}
	if noted != nil {
		noted[what+" "+string(name)] = true
	}
	fmt.Fprintf(w, "note: %s %q is %s\n", what, name, s)
}
