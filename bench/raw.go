package bench

import (
	"bytes"
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
)

// Raw is the baseline: only the standard library primitive each operation
// needs, with everything else (header encoding, base64 of the payload,
// splitting and decoding the token, JSON) done in setup, outside the timed
// region. Its producers return nil; as a consumer it reads real tokens, so the
// cross-check also proves the other libraries' output is standard.
type Raw struct{}

// Name implements Library.
func (Raw) Name() string { return "raw" }

var b64 = base64.RawURLEncoding

func rawSigningInput(header string, payload []byte) []byte {
	return []byte(b64.EncodeToString([]byte(header)) + "." + b64.EncodeToString(payload))
}

// rawSign signs input: the hash and the signature primitive.
func rawSign(alg string, input []byte) (Run, error) {
	priv, _ := Load().SigningKey(alg)
	switch alg {
	case "HS256":
		key := priv.([]byte)
		return func() ([]byte, error) {
			m := hmac.New(sha256.New, key)
			m.Write(input)
			m.Sum(nil)
			return nil, nil
		}, nil
	case "RS256", "PS256", "ES256", "ES384":
		h := crypto.SHA256
		if alg == "ES384" {
			h = crypto.SHA384
		}
		return func() ([]byte, error) {
			d := digest(h, input)
			var err error
			switch k := priv.(type) {
			case *rsa.PrivateKey:
				if alg == "RS256" {
					_, err = rsa.SignPKCS1v15(nil, k, h, d)
				} else {
					_, err = rsa.SignPSS(rand.Reader, k, h, d, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
				}
			case *ecdsa.PrivateKey:
				_, err = ecdsa.SignASN1(rand.Reader, k, d)
			}
			return nil, err
		}, nil
	case "EdDSA":
		key := priv.(ed25519.PrivateKey)
		return func() ([]byte, error) { ed25519.Sign(key, input); return nil, nil }, nil
	}
	return nil, ErrNA
}

// rawVerify verifies a compact JWS: the token is split, decoded and (for
// ECDSA) turned into ASN.1 in setup; the Run hashes the signing input and
// calls the verify primitive. It returns the decoded payload, decoded in
// setup.
func rawVerify(alg string, token []byte) (Run, error) {
	_, pub := Load().SigningKey(alg)
	dot := bytes.LastIndexByte(token, '.')
	first := bytes.IndexByte(token, '.')
	if dot < 0 || first == dot {
		return nil, errors.New("raw: not a compact JWS")
	}
	input := token[:dot]
	sig, err := b64.DecodeString(string(token[dot+1:]))
	if err != nil {
		return nil, err
	}
	payload, err := b64.DecodeString(string(token[first+1 : dot]))
	if err != nil {
		return nil, err
	}
	bad := fmt.Errorf("raw: %s signature did not verify", alg)
	switch alg {
	case "HS256":
		key := pub.([]byte)
		return func() ([]byte, error) {
			m := hmac.New(sha256.New, key)
			m.Write(input)
			if !hmac.Equal(m.Sum(nil), sig) {
				return nil, bad
			}
			return payload, nil
		}, nil
	case "RS256", "PS256":
		key := pub.(*rsa.PublicKey)
		return func() ([]byte, error) {
			d := digest(crypto.SHA256, input)
			var err error
			if alg == "RS256" {
				err = rsa.VerifyPKCS1v15(key, crypto.SHA256, d, sig)
			} else {
				err = rsa.VerifyPSS(key, crypto.SHA256, d, sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
			}
			return payload, err
		}, nil
	case "ES256", "ES384":
		key := pub.(*ecdsa.PublicKey)
		h := crypto.SHA256
		if alg == "ES384" {
			h = crypto.SHA384
		}
		n := len(sig) / 2
		r, s := new(big.Int).SetBytes(sig[:n]), new(big.Int).SetBytes(sig[n:])
		der := asn1Sig(r, s)
		return func() ([]byte, error) {
			if !ecdsa.VerifyASN1(key, digest(h, input), der) {
				return nil, bad
			}
			return payload, nil
		}, nil
	case "EdDSA":
		key := pub.(ed25519.PublicKey)
		return func() ([]byte, error) {
			if !ed25519.Verify(key, input, sig) {
				return nil, bad
			}
			return payload, nil
		}, nil
	}
	return nil, ErrNA
}

func digest(h crypto.Hash, input []byte) []byte {
	if h == crypto.SHA384 {
		d := sha512.Sum384(input)
		return d[:]
	}
	d := sha256.Sum256(input)
	return d[:]
}

// asn1Sig is the DER SEQUENCE of two INTEGERs that ecdsa.VerifyASN1 reads.
func asn1Sig(r, s *big.Int) []byte {
	integer := func(v *big.Int) []byte {
		b := v.Bytes()
		if len(b) == 0 || b[0]&0x80 != 0 {
			b = append([]byte{0}, b...)
		}
		return append([]byte{0x02, byte(len(b))}, b...)
	}
	body := append(integer(r), integer(s)...)
	if len(body) < 128 {
		return append([]byte{0x30, byte(len(body))}, body...)
	}
	return append([]byte{0x30, 0x81, byte(len(body))}, body...)
}

// JWTSign implements Library: the signature over a signing input encoded in
// setup.
func (Raw) JWTSign(alg string) (Run, error) {
	return rawSign(alg, rawSigningInput(`{"alg":"`+alg+`","typ":"JWT"}`, ClaimsJSON()))
}

// JWTVerify implements Library: the signature check only; claims are
// validated by no one (the baseline is the primitive).
func (Raw) JWTVerify(alg string, token []byte) (Run, error) {
	run, err := rawVerify(alg, token)
	if err != nil {
		return nil, err
	}
	return func() ([]byte, error) {
		if _, err := run(); err != nil {
			return nil, err
		}
		return nil, nil
	}, nil
}

// JWSSign implements Library.
func (Raw) JWSSign(alg string, payload []byte) (Run, error) {
	return rawSign(alg, rawSigningInput(`{"alg":"`+alg+`"}`, payload))
}

// JWSVerify implements Library.
func (Raw) JWSVerify(alg string, token []byte) (Run, error) { return rawVerify(alg, token) }

// rawJWK is the subset of JWK members the baseline reads.
type rawJWK struct {
	Kty, Kid, Use, Alg, Crv, N, E, X, Y string
}

// JWKSParse implements Library: encoding/json into strings, base64url
// decoding, and building the standard library keys (the EC point is checked
// to be on its curve by crypto/ecdh; RSA keys are not checked further).
func (Raw) JWKSParse(data []byte) (Run, error) {
	return func() ([]byte, error) {
		var set struct{ Keys []rawJWK }
		if err := json.Unmarshal(data, &set); err != nil {
			return nil, err
		}
		keys := make([]crypto.PublicKey, 0, len(set.Keys))
		for _, k := range set.Keys {
			switch k.Kty {
			case "RSA":
				n, err1 := b64.DecodeString(k.N)
				e, err2 := b64.DecodeString(k.E)
				if err := errors.Join(err1, err2); err != nil {
					return nil, err
				}
				keys = append(keys, &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())})
			case "EC":
				x, err1 := b64.DecodeString(k.X)
				y, err2 := b64.DecodeString(k.Y)
				if err := errors.Join(err1, err2); err != nil {
					return nil, err
				}
				pub, err := ecdh.P256().NewPublicKey(append(append([]byte{4}, x...), y...))
				if err != nil {
					return nil, err
				}
				keys = append(keys, pub)
			}
		}
		return fmt.Appendf(nil, "%d", len(keys)), nil
	}, nil
}

// Thumbprint implements Library: the RFC 7638 canonical JSON written by hand,
// then SHA-256.
func (Raw) Thumbprint(kty string) (Run, error) {
	fx := Load()
	switch kty {
	case "RSA":
		pub := &fx.RSA.PublicKey
		return func() ([]byte, error) {
			e := big.NewInt(int64(pub.E)).Bytes()
			s := `{"e":"` + b64.EncodeToString(e) + `","kty":"RSA","n":"` + b64.EncodeToString(pub.N.Bytes()) + `"}`
			d := sha256.Sum256([]byte(s))
			return d[:], nil
		}, nil
	case "EC":
		pub := &fx.P256.PublicKey
		return func() ([]byte, error) {
			k, err := pub.ECDH()
			if err != nil {
				return nil, err
			}
			p := k.Bytes()
			s := `{"crv":"P-256","kty":"EC","x":"` + b64.EncodeToString(p[1:33]) + `","y":"` + b64.EncodeToString(p[33:]) + `"}`
			d := sha256.Sum256([]byte(s))
			return d[:], nil
		}, nil
	}
	return nil, ErrNA
}

// ParseUnverified implements Library: split, base64url-decode the header and
// the payload, and json.Unmarshal both into structs.
func (Raw) ParseUnverified(token []byte) (Run, error) {
	return func() ([]byte, error) {
		parts := bytes.Split(token, []byte("."))
		if len(parts) != 3 {
			return nil, errors.New("raw: not a compact JWS")
		}
		var hdr struct{ Alg, Typ, Kid string }
		var c struct {
			Iss, Sub, Jti, Scope, Tenant string
			Aud                          []string
			Exp, Iat, Nbf                int64
			Roles                        []string
			EmailVerified                bool `json:"email_verified"`
		}
		for i, dst := range []any{&hdr, &c} {
			b, err := b64.AppendDecode(nil, parts[i])
			if err != nil {
				return nil, err
			}
			if err := json.Unmarshal(b, dst); err != nil {
				return nil, err
			}
		}
		return []byte(c.Sub), nil
	}, nil
}
