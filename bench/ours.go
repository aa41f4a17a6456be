package bench

import (
	"crypto"
	"encoding/json"
	"fmt"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
)

// Ours adapts this library. Keys are made into jwk.Keys in setup, outside
// the timed region: a jwk.Key is this library's way of checking a key once
// and binding it to its algorithms once, as go-jose's Signer and Encrypter
// are its own (made in setup in gojose.go too).
type Ours struct{}

// oursKey makes the jwk.Key of a standard library key.
func oursKey(raw any) (*jwk.Key, error) { return jwk.FromKey(raw) }

// Name implements Library.
func (Ours) Name() string { return "ours" }

type oursClaims struct {
	jwt.Claims
	Custom
}

// JWTSign implements Library.
func (Ours) JWTSign(alg string) (Run, error) {
	raw, _ := Load().SigningKey(alg)
	priv, err := oursKey(raw)
	if err != nil {
		return nil, err
	}
	claims := oursClaims{
		Claims: jwt.Claims{
			Issuer: Issuer, Subject: Subject, Audience: Audiences, ID: ID,
			ExpiresAt: jwt.NewNumericDate(time.Unix(Expiry, 0)), IssuedAt: jwt.NewNumericDate(time.Unix(IssuedAt, 0)),
		},
		Custom: CustomClaims(),
	}
	a := jwa.SignatureAlgorithm(alg)
	return func() ([]byte, error) {
		tok, err := jwt.Sign(&claims, a, priv)
		return view(tok), err
	}, nil
}

// JWTVerify implements Library: jwt.Verify with the key, issuer and audience
// (exp is required by default).
func (Ours) JWTVerify(alg string, token []byte) (Run, error) {
	_, raw := Load().SigningKey(alg)
	pub, err := oursKey(raw)
	if err != nil {
		return nil, err
	}
	a := jwa.SignatureAlgorithm(alg)
	tok := string(token)
	// Made in setup, as golang-jwt's parser is: a service builds its
	// options once.
	opts := []jwt.VerifyOption{jwt.WithKey(a, pub), jwt.WithIssuer(Issuer),
		jwt.WithAudience(Audience), jwt.WithLeeway(time.Minute)}
	return func() ([]byte, error) {
		c, err := jwt.Verify[oursClaims](tok, opts...)
		return []byte(c.Subject), err
	}, nil
}

// JWSSign implements Library.
func (Ours) JWSSign(alg string, payload []byte) (Run, error) {
	raw, _ := Load().SigningKey(alg)
	priv, err := oursKey(raw)
	if err != nil {
		return nil, err
	}
	opt := jws.WithKey(jwa.SignatureAlgorithm(alg), priv)
	return func() ([]byte, error) {
		tok, err := jws.Sign(payload, opt)
		return view(tok), err
	}, nil
}

// JWSVerify implements Library.
func (Ours) JWSVerify(alg string, token []byte) (Run, error) {
	_, raw := Load().SigningKey(alg)
	pub, err := oursKey(raw)
	if err != nil {
		return nil, err
	}
	opt := jws.WithKey(jwa.SignatureAlgorithm(alg), pub)
	tok := string(token)
	return func() ([]byte, error) { return jws.Verify(tok, opt) }, nil
}

// JWEEncrypt implements Library.
func (Ours) JWEEncrypt(c JWECase, plaintext []byte) (Run, error) {
	raw, _ := Load().Secret(c)
	key, err := oursKey(raw)
	if err != nil {
		return nil, err
	}
	opts := []jwe.EncryptOption{jwe.WithRecipient(jwa.KeyAlgorithm(c.Alg), key), jwe.WithEncryption(jwa.ContentEncryption(c.Enc))}
	if c.Key == "password" {
		opts = append(opts, jwe.WithP2C(P2C))
	}
	return func() ([]byte, error) {
		tok, err := jwe.Encrypt(plaintext, opts...)
		return view(tok), err
	}, nil
}

// JWEDecrypt implements Library.
func (Ours) JWEDecrypt(c JWECase, token []byte) (Run, error) {
	_, raw := Load().Secret(c)
	key, err := oursKey(raw)
	if err != nil {
		return nil, err
	}
	opts := []jwe.DecryptOption{jwe.WithKey(jwa.KeyAlgorithm(c.Alg), key), jwe.WithAllowedEncryptions(jwa.ContentEncryption(c.Enc))}
	tok := string(token)
	return func() ([]byte, error) { return jwe.Decrypt(tok, opts...) }, nil
}

// JWKSParse implements Library.
func (Ours) JWKSParse(data []byte) (Run, error) {
	return func() ([]byte, error) {
		set, err := jwk.ParseSet(data)
		if err != nil {
			return nil, err
		}
		return fmt.Appendf(nil, "%d", set.Len()), nil
	}, nil
}

// Thumbprint implements Library: the jwk.Key is made in setup.
func (Ours) Thumbprint(kty string) (Run, error) {
	fx := Load()
	var raw any = &fx.RSA.PublicKey
	if kty == "EC" {
		raw = &fx.P256.PublicKey
	}
	k, err := jwk.FromKey(raw)
	if err != nil {
		return nil, err
	}
	return func() ([]byte, error) { return k.Thumbprint(crypto.SHA256) }, nil
}

// ParseUnverified implements Library. Package jwt has no unverified parse (by
// design), so this is jws.Parse, UnverifiedPayload and encoding/json.
func (Ours) ParseUnverified(token []byte) (Run, error) {
	tok := string(token)
	return func() ([]byte, error) {
		m, err := jws.Parse(tok)
		if err != nil {
			return nil, err
		}
		var c oursClaims
		if err := json.Unmarshal(m.UnverifiedPayload(), &c); err != nil {
			return nil, err
		}
		return []byte(c.Subject), nil
	}, nil
}
