package bench

import (
	"errors"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// GolangJWT adapts github.com/golang-jwt/jwt/v5, a JWT-only library: JWS of
// arbitrary payloads, JWE, JWK and thumbprints are n/a.
type GolangJWT struct{ na }

// Name implements Library.
func (GolangJWT) Name() string { return "golangjwt" }

type golangJWTClaims struct {
	jwt.RegisteredClaims
	Custom
}

// JWTSign implements Library.
func (GolangJWT) JWTSign(alg string) (Run, error) {
	priv, _ := Load().SigningKey(alg)
	method := jwt.GetSigningMethod(alg)
	if method == nil {
		return nil, ErrNA
	}
	claims := golangJWTClaims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: Issuer, Subject: Subject, Audience: Audiences, ID: ID,
			ExpiresAt: jwt.NewNumericDate(time.Unix(Expiry, 0)), IssuedAt: jwt.NewNumericDate(time.Unix(IssuedAt, 0)),
		},
		Custom: CustomClaims(),
	}
	return func() ([]byte, error) {
		tok, err := jwt.NewWithClaims(method, claims).SignedString(priv)
		return view(tok), err
	}, nil
}

// JWTVerify implements Library: ParseWithClaims with the one allowed method,
// issuer, audience and a required exp.
func (GolangJWT) JWTVerify(alg string, token []byte) (Run, error) {
	_, pub := Load().SigningKey(alg)
	parser := jwt.NewParser(jwt.WithValidMethods([]string{alg}), jwt.WithIssuer(Issuer),
		jwt.WithAudience(Audience), jwt.WithExpirationRequired(), jwt.WithLeeway(time.Minute))
	keyFunc := func(*jwt.Token) (any, error) { return pub, nil }
	tok := string(token)
	return func() ([]byte, error) {
		var c golangJWTClaims
		t, err := parser.ParseWithClaims(tok, &c, keyFunc)
		if err != nil {
			return nil, err
		}
		if !t.Valid {
			return nil, errors.New("golangjwt: token not valid")
		}
		return []byte(c.Subject), nil
	}, nil
}

// ParseUnverified implements Library.
func (GolangJWT) ParseUnverified(token []byte) (Run, error) {
	parser := jwt.NewParser()
	tok := string(token)
	return func() ([]byte, error) {
		var c golangJWTClaims
		if _, _, err := parser.ParseUnverified(tok, &c); err != nil {
			return nil, err
		}
		return []byte(c.Subject), nil
	}, nil
}
