package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/joseproject/jose"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jws"
)

// inspect: jose inspect [FILE]
func inspect(*flags) action {
	return func(e *env, file string) error {
		tok, err := readToken(e, file)
		if err != nil {
			return err
		}
		switch jose.Detect(tok) {
		case jose.JWE:
			return inspectJWE(e.stdout, tok)
		case jose.JWS:
			return inspectJWS(e.stdout, tok)
		}
		if _, err := jws.Parse(tok); err != nil {
			return fmt.Errorf("not a JOSE object: %w", err)
		}
		return fmt.Errorf("not a JOSE object: %w", jwa.ErrMalformed)
	}
}

func inspectJWE(w io.Writer, tok string) error {
	m, err := jwe.Parse(tok)
	if err != nil {
		return fmt.Errorf("not a JOSE object: %w", err)
	}
	fmt.Fprintf(w, "JWE, %s serialization, %d recipient(s)\n", m.Serialization, len(m.Recipients))
	fmt.Fprintln(w, "UNVERIFIED: nothing was decrypted or authenticated")
	printHeader(w, "protected header", m.Protected)
	if m.Shared.Len() > 0 {
		printHeader(w, "shared unprotected header", m.Shared)
	}
	noted := map[string]bool{}
	for i, r := range m.Recipients {
		if r.Header.Len() > 0 {
			printHeader(w, fmt.Sprintf("recipient %d header", i), r.Header)
		}
		fmt.Fprintf(w, "recipient %d encrypted key: %d bytes\n", i, len(r.EncryptedKey))
		printStatus(w, fmt.Sprintf("recipient %d alg", i), `"alg"`, m.JOSEHeader(i).Algorithm(), noted)
	}
	printStatus(w, "enc", `"enc"`, m.JOSEHeader(0).Encryption(), noted)
	if m.AAD != nil {
		fmt.Fprintf(w, "aad: %d bytes\n", len(m.AAD))
	}
	fmt.Fprintf(w, "iv: %d bytes, ciphertext: %d bytes, tag: %d bytes\n", len(m.IV), len(m.Ciphertext), len(m.Tag))
	return nil
}

func printHeader(w io.Writer, label string, h json.Marshaler) {
	b, err := h.MarshalJSON()
	if err != nil {
		fmt.Fprintf(w, "%s: (cannot print: %v)\n", label, err)
		return
	}
	fmt.Fprintf(w, "%s: %s\n", label, b)
}

func inspectJWS(w io.Writer, tok string) error {
	m, err := jws.Parse(tok)
	if err != nil {
		return fmt.Errorf("not a JOSE object: %w", err)
	}
	fmt.Fprintf(w, "JWS, %s serialization, %d signature(s)\n", m.Serialization(), m.SignatureCount())
	fmt.Fprintln(w, "UNVERIFIED: no signature was checked; do not trust anything below")
	noted := map[string]bool{}
	for i := range m.SignatureCount() {
		protected, unprotected := m.UnverifiedHeaders(i)
		printHeader(w, fmt.Sprintf("signature %d protected header", i), protected)
		if unprotected.Len() > 0 {
			printHeader(w, fmt.Sprintf("signature %d unprotected header", i), unprotected)
		}
		alg := protected.Algorithm()
		if alg == "" {
			alg = unprotected.Algorithm()
		}
		printStatus(w, fmt.Sprintf("signature %d alg", i), `"alg"`, alg, noted)
	}
	payload := m.UnverifiedPayload()
	if json.Valid(payload) {
		var out bytes.Buffer
		if json.Indent(&out, payload, "", "  ") == nil {
			fmt.Fprintf(w, "payload (JSON):\n%s\n", out.Bytes())
			return nil
		}
	}
	if utf8.Valid(payload) {
		fmt.Fprintf(w, "payload (%d bytes of text):\n%s\n", len(payload), payload)
		return nil
	}
	fmt.Fprintf(w, "payload (%d bytes of binary, shown as base64url):\n%s\n", len(payload), base64.RawURLEncoding.EncodeToString(payload))
	return nil
}
