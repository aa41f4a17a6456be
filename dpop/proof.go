package dpop

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
)

// Type is the "typ" header of a DPoP proof (RFC 9449 §4.2).
const Type = "dpop+jwt"

// Claims are the claims of a DPoP proof (RFC 9449 §4.2): "jti" and "iat"
// in the embedded [jwt.Claims], and the DPoP ones.
type Claims struct {
	jwt.Claims
	// Method is "htm": the HTTP method of the request.
	Method string `json:"htm"`
	// URI is "htu": the target URI of the request, without query and
	// fragment.
	URI string `json:"htu"`
	// AccessTokenHash is "ath": the base64url SHA-256 of the access token
	// sent with the proof ([AccessTokenHash]).
	AccessTokenHash string `json:"ath,omitempty"`
	// Nonce is "nonce": a nonce the server provided.
	Nonce string `json:"nonce,omitempty"`
}

// Confirmation is the "cnf" claim of an access token bound to a DPoP key
// (RFC 9449 §6.1; RFC 7800): embed a *Confirmation with the tag
// `json:"cnf,omitempty"` in the token's claims.
type Confirmation struct {
	// JKT is "jkt": the base64url SHA-256 JWK thumbprint of the key
	// ([Thumbprint], [Proof.Thumbprint]).
	JKT string `json:"jkt,omitempty"`
}

// AccessTokenHash returns the "ath" of an access token: the base64url
// encoding of the SHA-256 of its ASCII characters (RFC 9449 §4.2).
func AccessTokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// Thumbprint returns the JWK thumbprint of key's public part as "cnf"
// "jkt" holds it: the base64url SHA-256 thumbprint of RFC 7638 (RFC 9449
// §6.1). key is a [*jwk.Key] or anything [jwk.FromKey] accepts; a secret
// key is an error wrapping [jwa.ErrInvalidKey].
func Thumbprint(key any) (_ string, err error) {
	defer errwrap.Own(&err, "dpop")
	k, err := publicKey(key)
	if err != nil {
		return "", err
	}
	return thumbprint(k)
}

func thumbprint(k *jwk.Key) (string, error) {
	t, err := k.ThumbprintString(0)
	if err != nil {
		return "", fmt.Errorf("dpop: thumbprint: %w", err)
	}
	return t, nil
}

// publicKey returns the public JWK of key, refusing secrets.
func publicKey(key any) (*jwk.Key, error) {
	k, err := jwk.FromKey(key)
	if err != nil {
		return nil, fmt.Errorf("dpop: %w", err)
	}
	if k.IsSymmetric() {
		return nil, fmt.Errorf("dpop: a secret key cannot prove possession: %w", jwa.ErrInvalidKey)
	}
	return k.Public(), nil
}

// checkAsymmetric refuses "none", HMAC and unknown algorithms (RFC 9449
// §4.2: "alg" MUST NOT be none or a MAC).
func checkAsymmetric(alg jwa.SignatureAlgorithm) error {
	switch kty := alg.KeyType(); {
	case alg == jwa.NoSignature:
		return fmt.Errorf(`dpop: "none" cannot sign a proof: %w`, jwa.ErrAlgorithmNotAllowed)
	case kty == "":
		return fmt.Errorf("dpop: algorithm %q: %w", alg, jwa.ErrUnsupportedAlgorithm)
	case kty == jwa.KeyTypeOct:
		return fmt.Errorf("dpop: %s is symmetric; a proof needs an asymmetric algorithm: %w", alg, jwa.ErrAlgorithmNotAllowed)
	}
	return nil
}

// NewProof returns a DPoP proof (RFC 9449 §4.2) for one HTTP request: a JWT
// with "typ" "dpop+jwt" and the public part of key in its "jwk" header,
// signed with key under alg, carrying "jti" (130 random bits, or
// [WithID]), "htm" method, "htu" uri without its query and fragment, and
// "iat" (now, or from [WithClock]); "ath" with [WithAccessToken] and
// "nonce" with [WithNonce].
//
// alg must be asymmetric (not "none" nor HMAC, [jwa.ErrAlgorithmNotAllowed]),
// key a private key for it: a [*jwk.Key], a standard library private key or
// a crypto.Signer. method must not be empty; uri must be an absolute http or
// https URI. Make a new proof for every request: a server refuses one it has
// seen ([ErrReplay]).
func NewProof(method, uri string, alg jwa.SignatureAlgorithm, key any, opts ...ProofOption) (_ string, err error) {
	defer errwrap.Own(&err, "dpop")
	c, err := configure(callProof, opts)
	if err != nil {
		return "", err
	}
	if err := checkAsymmetric(alg); err != nil {
		return "", err
	}
	if method == "" {
		return "", fmt.Errorf("dpop: empty method: %w", ErrInvalidOption)
	}
	if _, err := NormalizeURI(uri); err != nil {
		return "", fmt.Errorf("%w: %w", err, ErrInvalidOption)
	}
	u, _ := url.Parse(uri) // parsed by NormalizeURI
	u.RawQuery, u.ForceQuery, u.Fragment, u.RawFragment = "", false, "", ""
	pub, err := publicKey(key)
	if err != nil {
		return "", err
	}
	jti := c.jti
	if jti == "" {
		jti = rand.Text() // 130 random bits; RFC 9449 §4.2 asks for at least 96
	}
	claims := Claims{
		Claims: jwt.Claims{ID: jti, IssuedAt: jwt.NewNumericDate(c.clock())},
		Method: method,
		URI:    u.String(),
	}
	if c.accessToken != nil {
		claims.AccessTokenHash = AccessTokenHash(*c.accessToken)
	}
	claims.Nonce = c.nonce
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("dpop: claims: %w", err)
	}
	tok, err := jws.Sign(payload, jws.WithKey(alg, key), jws.WithType(Type),
		jws.WithProtectedHeader("jwk", pub))
	if err != nil {
		return "", fmt.Errorf("dpop: %w", err)
	}
	return tok, nil
}
