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

// printAlgStatus writes the status line of the algorithm named by a
// header member or a flag (what names "\"alg\"" or "--alg"), if it has
// one. It is the one place the command says how settled an algorithm is.
func printAlgStatus(w io.Writer, what, name string) {
	if s := algStatus(name); s != "" {
		fmt.Fprintf(w, "note: %s %q is %s\n", what, name, s)
	}
}
