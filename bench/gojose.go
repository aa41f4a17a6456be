package bench

import (
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"
)

// GoJose adapts github.com/go-jose/go-jose/v4.
type GoJose struct{}

// Name implements Library.
func (GoJose) Name() string { return "gojose" }

type goJoseClaims struct {
	josejwt.Claims
	Custom
}

func goJoseSigner(alg string, typ bool) (jose.Signer, error) {
	priv, _ := Load().SigningKey(alg)
	opts := &jose.SignerOptions{}
	if typ {
		opts = opts.WithType("JWT")
	}
	return jose.NewSigner(jose.SigningKey{Algorithm: jose.SignatureAlgorithm(alg), Key: priv}, opts)
}

// JWTSign implements Library.
func (GoJose) JWTSign(alg string) (Run, error) {
	s, err := goJoseSigner(alg, true)
	if err != nil {
		return nil, err
	}
	claims := goJoseClaims{
		Claims: josejwt.Claims{
			Issuer: Issuer, Subject: Subject, Audience: Audiences, ID: ID,
			Expiry: josejwt.NewNumericDate(time.Unix(Expiry, 0)), IssuedAt: josejwt.NewNumericDate(time.Unix(IssuedAt, 0)),
		},
		Custom: CustomClaims(),
	}
	return func() ([]byte, error) {
		tok, err := josejwt.Signed(s).Claims(claims).Serialize()
		return view(tok), err
	}, nil
}

// JWTVerify implements Library: ParseSigned with the one allowed algorithm,
// Claims with the key, then ValidateWithLeeway for iss, aud and exp (and a
// check that exp is present, which go-jose leaves to the caller).
func (GoJose) JWTVerify(alg string, token []byte) (Run, error) {
	_, pub := Load().SigningKey(alg)
	algs := []jose.SignatureAlgorithm{jose.SignatureAlgorithm(alg)}
	tok := string(token)
	return func() ([]byte, error) {
		t, err := josejwt.ParseSigned(tok, algs)
		if err != nil {
			return nil, err
		}
		var c goJoseClaims
		if err := t.Claims(pub, &c); err != nil {
			return nil, err
		}
		if c.Expiry == nil {
			return nil, errors.New("gojose: no exp")
		}
		if err := c.ValidateWithLeeway(josejwt.Expected{Issuer: Issuer, AnyAudience: josejwt.Audience{Audience}, Time: time.Now()}, time.Minute); err != nil {
			return nil, err
		}
		return []byte(c.Subject), nil
	}, nil
}

// JWSSign implements Library.
func (GoJose) JWSSign(alg string, payload []byte) (Run, error) {
	s, err := goJoseSigner(alg, false)
	if err != nil {
		return nil, err
	}
	return func() ([]byte, error) {
		obj, err := s.Sign(payload)
		if err != nil {
			return nil, err
		}
		tok, err := obj.CompactSerialize()
		return view(tok), err
	}, nil
}

// JWSVerify implements Library.
func (GoJose) JWSVerify(alg string, token []byte) (Run, error) {
	_, pub := Load().SigningKey(alg)
	algs := []jose.SignatureAlgorithm{jose.SignatureAlgorithm(alg)}
	tok := string(token)
	return func() ([]byte, error) {
		obj, err := jose.ParseSignedCompact(tok, algs)
		if err != nil {
			return nil, err
		}
		return obj.Verify(pub)
	}, nil
}

// JWEEncrypt implements Library. go-jose does ECDH-ES only with
// *ecdsa.PublicKey, so X25519 is n/a.
func (GoJose) JWEEncrypt(c JWECase, plaintext []byte) (Run, error) {
	if c.Key == "x25519" {
		return nil, ErrNA
	}
	key, _ := Load().Secret(c)
	enc, err := jose.NewEncrypter(jose.ContentEncryption(c.Enc),
		jose.Recipient{Algorithm: jose.KeyAlgorithm(c.Alg), Key: key, PBES2Count: P2C}, nil)
	if err != nil {
		return nil, err
	}
	return func() ([]byte, error) {
		obj, err := enc.Encrypt(plaintext)
		if err != nil {
			return nil, err
		}
		tok, err := obj.CompactSerialize()
		return view(tok), err
	}, nil
}

// JWEDecrypt implements Library.
func (GoJose) JWEDecrypt(c JWECase, token []byte) (Run, error) {
	if c.Key == "x25519" {
		return nil, ErrNA
	}
	_, key := Load().Secret(c)
	algs := []jose.KeyAlgorithm{jose.KeyAlgorithm(c.Alg)}
	encs := []jose.ContentEncryption{jose.ContentEncryption(c.Enc)}
	tok := string(token)
	return func() ([]byte, error) {
		obj, err := jose.ParseEncryptedCompact(tok, algs, encs)
		if err != nil {
			return nil, err
		}
		return obj.Decrypt(key)
	}, nil
}

// JWKSParse implements Library: json.Unmarshal into a JSONWebKeySet.
func (GoJose) JWKSParse(data []byte) (Run, error) {
	return func() ([]byte, error) {
		var set jose.JSONWebKeySet
		if err := json.Unmarshal(data, &set); err != nil {
			return nil, err
		}
		return fmt.Appendf(nil, "%d", len(set.Keys)), nil
	}, nil
}

// Thumbprint implements Library.
func (GoJose) Thumbprint(kty string) (Run, error) {
	fx := Load()
	k := jose.JSONWebKey{Key: &fx.RSA.PublicKey}
	if kty == "EC" {
		k.Key = &fx.P256.PublicKey
	}
	return func() ([]byte, error) { return k.Thumbprint(crypto.SHA256) }, nil
}

// ParseUnverified implements Library.
func (GoJose) ParseUnverified(token []byte) (Run, error) {
	algs := []jose.SignatureAlgorithm{jose.HS256}
	tok := string(token)
	return func() ([]byte, error) {
		t, err := josejwt.ParseSigned(tok, algs)
		if err != nil {
			return nil, err
		}
		var c goJoseClaims
		if err := t.UnsafeClaimsWithoutVerification(&c); err != nil {
			return nil, err
		}
		return []byte(c.Subject), nil
	}, nil
}
