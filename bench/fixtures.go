package bench

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// Claim values of the ~300-byte claim set every library signs and validates.
const (
	Issuer   = "https://issuer.example.com"
	Subject  = "user-7f3c2a91"
	Audience = "https://api.example.com"
	Expiry   = 4102444800 // 2100-01-01
	IssuedAt = 1767225600 // 2026-01-01
	ID       = "b1f0c6d2-93a4-4e7b-8c25-6d0f9e8a7b31"
	Scope    = "openid profile orders:read"
	Tenant   = "acme-corp"
)

// Audiences is the aud claim: the validated audience and one more.
var Audiences = []string{Audience, "https://admin.example.com"}

// Roles is a custom array claim.
var Roles = []string{"admin", "billing"}

// ClaimsJSON is the claim set as JSON, for libraries that take a map or raw
// bytes and for the raw baseline.
func ClaimsJSON() []byte {
	b, _ := json.Marshal(map[string]any{
		"iss": Issuer, "sub": Subject, "aud": Audiences, "exp": Expiry, "iat": IssuedAt,
		"jti": ID, "scope": Scope, "tenant": Tenant, "roles": Roles, "email_verified": true,
	})
	return b
}

// Fixtures holds the keys, secrets and committed tokens, loaded once.
type Fixtures struct {
	RSA      *rsa.PrivateKey
	P256     *ecdsa.PrivateKey
	P384     *ecdsa.PrivateKey
	Ed25519  ed25519.PrivateKey
	X25519   *ecdh.PrivateKey
	HS256    []byte // 32-byte HMAC secret
	A256     []byte // 32-byte AES key (dir A256GCM, A256KW)
	CBC      []byte // 32-byte key for dir A128CBC-HS256
	Password []byte // PBES2 password
	JWKS     []byte // 10 RSA and 10 EC public keys
	Tokens   map[string][]byte

	payloads map[int][]byte
}

var (
	loadOnce sync.Once
	loaded   *Fixtures
)

// Dir is the testdata directory of this module, wherever the caller runs.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "testdata")
}

// Load reads the fixtures from testdata and panics if they are missing (run
// `GOWORK=off go run ./cmd/fixtures` once to make them).
func Load() *Fixtures {
	loadOnce.Do(func() {
		fx, err := load(Dir())
		if err != nil {
			panic(err)
		}
		loaded = fx
	})
	return loaded
}

func load(dir string) (*Fixtures, error) {
	fx := &Fixtures{Tokens: map[string][]byte{}, payloads: map[int][]byte{}}
	keys := map[string]any{}
	for _, name := range []string{"rsa2048", "p256", "p384", "ed25519", "x25519"} {
		k, err := readPKCS8(filepath.Join(dir, "keys", name+".pem"))
		if err != nil {
			return nil, err
		}
		keys[name] = k
	}
	fx.RSA = keys["rsa2048"].(*rsa.PrivateKey)
	fx.P256 = keys["p256"].(*ecdsa.PrivateKey)
	fx.P384 = keys["p384"].(*ecdsa.PrivateKey)
	fx.Ed25519 = keys["ed25519"].(ed25519.PrivateKey)
	fx.X25519 = keys["x25519"].(*ecdh.PrivateKey)

	var secrets map[string]string
	b, err := os.ReadFile(filepath.Join(dir, "keys", "secrets.json"))
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &secrets); err != nil {
		return nil, err
	}
	for name, dst := range map[string]*[]byte{"hs256": &fx.HS256, "a256": &fx.A256, "cbc": &fx.CBC, "password": &fx.Password} {
		if *dst, err = base64.RawURLEncoding.DecodeString(secrets[name]); err != nil || len(*dst) == 0 {
			return nil, fmt.Errorf("secrets.json: %s: %v", name, err)
		}
	}
	if fx.JWKS, err = os.ReadFile(filepath.Join(dir, "jwks.json")); err != nil {
		return nil, err
	}
	files, _ := filepath.Glob(filepath.Join(dir, "tokens", "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		fx.Tokens[strings.TrimSuffix(filepath.Base(f), ".txt")] = bytes.TrimSpace(b)
	}
	return fx, nil
}

func readPKCS8(path string) (any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, fmt.Errorf("%s: no PEM block", path)
	}
	return x509.ParsePKCS8PrivateKey(block.Bytes)
}

// TokenFile is the committed token's file name for a producer op.
func TokenFile(op string) string {
	return strings.NewReplacer("(", "_", ")", "_", ",", "_", "+", "_").Replace(op)
}

// Token is the committed input for a consumer op.
func (fx *Fixtures) Token(op Op) []byte { return fx.Tokens[TokenFile(op.TokenOp())] }

// Payload is n bytes of deterministic printable text, the JWS payload and
// JWE plaintext.
func (fx *Fixtures) Payload(n int) []byte {
	if p, ok := fx.payloads[n]; ok {
		return p
	}
	const text = "The quick brown fox jumps over the lazy dog; 0123456789. "
	p := []byte(strings.Repeat(text, n/len(text)+1)[:n])
	fx.payloads[n] = p
	return p
}

// Secret returns the key a JWE case names, as the standard library type.
func (fx *Fixtures) Secret(c JWECase) (enc, dec any) {
	switch c.Key {
	case "a256":
		return fx.A256, fx.A256
	case "cbc":
		return fx.CBC, fx.CBC
	case "password":
		return fx.Password, fx.Password
	case "rsa":
		return &fx.RSA.PublicKey, fx.RSA
	case "p256":
		return &fx.P256.PublicKey, fx.P256
	case "x25519":
		return fx.X25519.PublicKey(), fx.X25519
	}
	return nil, nil
}

// SigningKey returns the private and public key for a signature algorithm.
func (fx *Fixtures) SigningKey(alg string) (priv, pub any) {
	switch alg {
	case "HS256":
		return fx.HS256, fx.HS256
	case "RS256", "PS256":
		return fx.RSA, &fx.RSA.PublicKey
	case "ES256":
		return fx.P256, &fx.P256.PublicKey
	case "ES384":
		return fx.P384, &fx.P384.PublicKey
	case "EdDSA":
		return fx.Ed25519, fx.Ed25519.Public()
	}
	return nil, nil
}

// Custom is the application part of the claim set, embedded next to each
// library's registered-claims type.
type Custom struct {
	Scope         string   `json:"scope"`
	Tenant        string   `json:"tenant"`
	Roles         []string `json:"roles"`
	EmailVerified bool     `json:"email_verified"`
}

// CustomClaims is the fixture's application claims.
func CustomClaims() Custom {
	return Custom{Scope: Scope, Tenant: Tenant, Roles: Roles, EmailVerified: true}
}
