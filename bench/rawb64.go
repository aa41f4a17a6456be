package bench

import (
	"bytes"
	"errors"
)

// RawB64 is the raw baseline plus the standard library's base64url
// (encoding/base64 RawURLEncoding) of the bytes a token carries: what a
// library that encodes its payload with the standard library cannot go
// under. Producers encode the payload (JWS) or as many bytes as the
// ciphertext holds (JWE, whose ciphertext is as long as the plaintext);
// consumers decode the payload or ciphertext segment of the token, into a
// new buffer as a library must. It has the JWS and JWE operations only.
type RawB64 struct{ na }

// Name implements Library.
func (RawB64) Name() string { return "rawb64" }

// encodeAfter runs run, then encodes data.
func encodeAfter(run Run, err error, data []byte) (Run, error) {
	if err != nil {
		return nil, err
	}
	return func() ([]byte, error) {
		_ = b64.AppendEncode(nil, data)
		return run()
	}, nil
}

// decodeBefore decodes segment part of token (0-based, split at '.'),
// then runs run.
func decodeBefore(run Run, err error, token []byte, part int) (Run, error) {
	if err != nil {
		return nil, err
	}
	parts := bytes.Split(token, []byte("."))
	if part >= len(parts) {
		return nil, errors.New("rawb64: not a compact token")
	}
	seg := parts[part]
	return func() ([]byte, error) {
		if _, err := b64.AppendDecode(nil, seg); err != nil {
			return nil, err
		}
		return run()
	}, nil
}

// JWSSign implements Library.
func (RawB64) JWSSign(alg string, payload []byte) (Run, error) {
	run, err := Raw{}.JWSSign(alg, payload)
	return encodeAfter(run, err, payload)
}

// JWSVerify implements Library.
func (RawB64) JWSVerify(alg string, token []byte) (Run, error) {
	run, err := Raw{}.JWSVerify(alg, token)
	return decodeBefore(run, err, token, 1)
}

// JWEEncrypt implements Library.
func (RawB64) JWEEncrypt(c JWECase, plaintext []byte) (Run, error) {
	run, err := Raw{}.JWEEncrypt(c, plaintext)
	return encodeAfter(run, err, plaintext)
}

// JWEDecrypt implements Library.
func (RawB64) JWEDecrypt(c JWECase, token []byte) (Run, error) {
	run, err := Raw{}.JWEDecrypt(c, token)
	return decodeBefore(run, err, token, 3)
}
