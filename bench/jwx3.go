package bench

// jwx4.go is generated from this file by gen_jwx4.sh: the two major versions
// share their API. Edit this file, then run `sh gen_jwx4.sh`.

import (
	"crypto"
	"errors"
	"fmt"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jwe"
	"github.com/lestrrat-go/jwx/v3/jwk"
	"github.com/lestrrat-go/jwx/v3/jws"
	"github.com/lestrrat-go/jwx/v3/jwt"
)

// JWX3 adapts github.com/lestrrat-go/jwx/v3.
type JWX3 struct{}

// Name implements Library.
func (JWX3) Name() string { return "jwx3" }

func jwx3SigAlg(alg string) (jwa.SignatureAlgorithm, error) {
	a, ok := jwa.LookupSignatureAlgorithm(alg)
	if !ok {
		return a, ErrNA
	}
	return a, nil
}

// JWTSign implements Library: the token is built in setup, jwt.Sign is timed.
func (JWX3) JWTSign(alg string) (Run, error) {
	a, err := jwx3SigAlg(alg)
	if err != nil {
		return nil, err
	}
	priv, _ := Load().SigningKey(alg)
	c := CustomClaims()
	tok, err := jwt.NewBuilder().Issuer(Issuer).Subject(Subject).Audience(Audiences).JwtID(ID).
		Expiration(time.Unix(Expiry, 0)).IssuedAt(time.Unix(IssuedAt, 0)).
		Claim("scope", c.Scope).Claim("tenant", c.Tenant).Claim("roles", c.Roles).
		Claim("email_verified", c.EmailVerified).Build()
	if err != nil {
		return nil, err
	}
	return func() ([]byte, error) { return jwt.Sign(tok, jwt.WithKey(a, priv)) }, nil
}

// JWTVerify implements Library: jwt.Parse with the key, issuer, audience and
// a required exp (validation is on by default).
func (JWX3) JWTVerify(alg string, token []byte) (Run, error) {
	a, err := jwx3SigAlg(alg)
	if err != nil {
		return nil, err
	}
	_, pub := Load().SigningKey(alg)
	return func() ([]byte, error) {
		t, err := jwt.Parse(token, jwt.WithKey(a, pub), jwt.WithIssuer(Issuer), jwt.WithAudience(Audience),
			jwt.WithRequiredClaim("exp"), jwt.WithAcceptableSkew(time.Minute))
		if err != nil {
			return nil, err
		}
		sub, ok := t.Subject()
		if !ok {
			return nil, errors.New("jwx: no sub")
		}
		return []byte(sub), nil
	}, nil
}

// JWSSign implements Library.
func (JWX3) JWSSign(alg string, payload []byte) (Run, error) {
	a, err := jwx3SigAlg(alg)
	if err != nil {
		return nil, err
	}
	priv, _ := Load().SigningKey(alg)
	return func() ([]byte, error) { return jws.Sign(payload, jws.WithKey(a, priv)) }, nil
}

// JWSVerify implements Library.
func (JWX3) JWSVerify(alg string, token []byte) (Run, error) {
	a, err := jwx3SigAlg(alg)
	if err != nil {
		return nil, err
	}
	_, pub := Load().SigningKey(alg)
	return func() ([]byte, error) { return jws.Verify(token, jws.WithKey(a, pub)) }, nil
}

func jwx3JWEAlgs(c JWECase) (jwa.KeyEncryptionAlgorithm, jwa.ContentEncryptionAlgorithm, error) {
	alg, ok1 := jwa.LookupKeyEncryptionAlgorithm(c.Alg)
	enc, ok2 := jwa.LookupContentEncryptionAlgorithm(c.Enc)
	if !ok1 || !ok2 {
		return alg, enc, ErrNA
	}
	return alg, enc, nil
}

// JWEEncrypt implements Library.
func (JWX3) JWEEncrypt(c JWECase, plaintext []byte) (Run, error) {
	alg, enc, err := jwx3JWEAlgs(c)
	if err != nil {
		return nil, err
	}
	key, _ := Load().Secret(c)
	return func() ([]byte, error) {
		return jwe.Encrypt(plaintext, jwe.WithKey(alg, key), jwe.WithContentEncryption(enc), jwe.WithPBES2Count(P2C))
	}, nil
}

// JWEDecrypt implements Library. jwx has no allow-list for enc; the key is
// bound to alg.
func (JWX3) JWEDecrypt(c JWECase, token []byte) (Run, error) {
	alg, _, err := jwx3JWEAlgs(c)
	if err != nil {
		return nil, err
	}
	_, key := Load().Secret(c)
	return func() ([]byte, error) { return jwe.Decrypt(token, jwe.WithKey(alg, key)) }, nil
}

// JWKSParse implements Library.
func (JWX3) JWKSParse(data []byte) (Run, error) {
	return func() ([]byte, error) {
		set, err := jwk.Parse(data)
		if err != nil {
			return nil, err
		}
		return fmt.Appendf(nil, "%d", set.Len()), nil
	}, nil
}

// Thumbprint implements Library: the jwk.Key is imported in setup.
func (JWX3) Thumbprint(kty string) (Run, error) {
	fx := Load()
	var raw any = &fx.RSA.PublicKey
	if kty == "EC" {
		raw = &fx.P256.PublicKey
	}
	k, err := jwk.Import(raw)
	if err != nil {
		return nil, err
	}
	return func() ([]byte, error) { return k.Thumbprint(crypto.SHA256) }, nil
}

// ParseUnverified implements Library.
func (JWX3) ParseUnverified(token []byte) (Run, error) {
	return func() ([]byte, error) {
		t, err := jwt.ParseInsecure(token)
		if err != nil {
			return nil, err
		}
		sub, _ := t.Subject()
		return []byte(sub), nil
	}, nil
}
