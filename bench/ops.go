// Package bench compares this library with other Go JOSE libraries and with a
// raw baseline that does only the standard library primitive for each
// operation. It is a module of its own so that the library never depends on
// its competitors.
//
// Every library is an adapter (one file each) that implements Library. The
// shared table Ops lists every operation once; the benchmark and the
// cross-check test walk that table for every library.
package bench

import (
	"errors"
	"fmt"
	"unsafe"
)

// ErrNA is returned by an adapter for an operation its library does not
// support; the benchmark skips it and the table shows "n/a".
var ErrNA = errors.New("not supported by this library")

// Run does one operation and returns its result: a token for producers, the
// payload, plaintext or subject for consumers, a digest for thumbprints.
// The raw baseline's producers return nil: they do the primitive only.
type Run func() ([]byte, error)

// view returns the bytes of a token that a library returns as a string
// (ours, go-jose, golang-jwt), without copying them: the harness only reads
// what a Run returns, and a copy would charge those libraries for the
// harness's choice of []byte (an allocation and a copy of the whole token,
// which at 64 KiB is a tenth of a JWS sign).
func view(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// Kind is the family of an operation.
type Kind int

// The operation families.
const (
	JWTSign Kind = iota
	JWTVerify
	JWSSign
	JWSVerify
	JWEEncrypt
	JWEDecrypt
	JWKSParse
	Thumbprint
	ParseUnverified
)

// Producer reports whether an operation makes a token that other libraries
// consume (the cross-check pairs each producer with its consumer).
func (k Kind) Producer() bool { return k == JWTSign || k == JWSSign || k == JWEEncrypt }

// Consumer is the operation that reads what k produces.
func (k Kind) Consumer() Kind { return k + 1 }

// JWECase names a JWE key management algorithm and content encryption, with
// the key the fixtures hold for it.
type JWECase struct {
	Alg string // "dir", "A256KW", "RSA-OAEP-256", "ECDH-ES+A256KW", "ECDH-ES", "PBES2-HS256+A128KW"
	Enc string // "A256GCM", "A128CBC-HS256"
	Key string // which fixture key: "a256", "cbc", "rsa", "p256", "x25519", "password"
}

// Op is one row of the comparison.
type Op struct {
	Name string
	Kind Kind
	Alg  string  // signature algorithm (JWT, JWS) or thumbprint key ("RSA", "EC")
	JWE  JWECase // for JWE operations
	Size int     // payload size for JWS and JWE
}

// SignatureAlgs are the JWT algorithms compared.
var SignatureAlgs = []string{"HS256", "RS256", "PS256", "ES256", "ES384", "EdDSA"}

// JWECases are the JWE combinations compared.
var JWECases = []JWECase{
	{"dir", "A256GCM", "a256"},
	{"A256KW", "A256GCM", "a256"},
	{"RSA-OAEP-256", "A256GCM", "rsa"},
	{"ECDH-ES+A256KW", "A256GCM", "p256"},
	{"ECDH-ES", "A256GCM", "x25519"},
	{"PBES2-HS256+A128KW", "A256GCM", "password"},
	{"dir", "A128CBC-HS256", "cbc"},
}

// PayloadSizes are the JWS and JWE payload sizes compared.
var PayloadSizes = []int{1 << 10, 64 << 10}

// P2C is the PBES2 iteration count every library writes (RFC 7518 §4.8.1.2
// recommends at least 1000), so that encryption costs are comparable.
const P2C = 1000

// Ops is the shared table of operations, in the order of the results table.
var Ops = buildOps()

func buildOps() []Op {
	var ops []Op
	for _, k := range []Kind{JWTSign, JWTVerify} {
		for _, alg := range SignatureAlgs {
			ops = append(ops, Op{Name: kindName(k) + "-" + alg, Kind: k, Alg: alg})
		}
	}
	for _, k := range []Kind{JWSSign, JWSVerify} {
		for _, alg := range []string{"HS256", "ES256"} {
			for _, n := range PayloadSizes {
				ops = append(ops, Op{Name: fmt.Sprintf("%s-%s-%s", kindName(k), alg, sizeName(n)), Kind: k, Alg: alg, Size: n})
			}
		}
	}
	for _, k := range []Kind{JWEEncrypt, JWEDecrypt} {
		for _, c := range JWECases {
			for _, n := range PayloadSizes {
				ops = append(ops, Op{Name: fmt.Sprintf("%s-%s-%s", kindName(k), c.Name(), sizeName(n)), Kind: k, JWE: c, Size: n})
			}
		}
	}
	ops = append(ops,
		Op{Name: "JWKSParse-10RSA-10EC", Kind: JWKSParse},
		Op{Name: "Thumbprint-RSA", Kind: Thumbprint, Alg: "RSA"},
		Op{Name: "Thumbprint-EC", Kind: Thumbprint, Alg: "EC"},
		Op{Name: "ParseUnverified-JWT", Kind: ParseUnverified, Alg: "HS256"},
	)
	return ops
}

// Name is the case's label in benchmark names: alg and enc joined by a
// comma, with the curve for ECDH-ES.
func (c JWECase) Name() string {
	alg := c.Alg
	switch c.Key {
	case "p256":
		alg += "(P-256)"
	case "x25519":
		alg += "(X25519)"
	}
	return alg + "," + c.Enc
}

// TokenOp is the name of the producer whose committed token a consumer reads:
// consumers of every library read the same bytes.
func (o Op) TokenOp() string {
	switch o.Kind {
	case JWTVerify, JWSVerify, JWEDecrypt:
		p := o
		p.Kind--
		return p.rename()
	case ParseUnverified:
		return "JWTSign-" + o.Alg
	}
	return ""
}

func (o Op) rename() string {
	switch o.Kind {
	case JWTSign:
		return kindName(o.Kind) + "-" + o.Alg
	case JWSSign:
		return fmt.Sprintf("%s-%s-%s", kindName(o.Kind), o.Alg, sizeName(o.Size))
	case JWEEncrypt:
		return fmt.Sprintf("%s-%s-%s", kindName(o.Kind), o.JWE.Name(), sizeName(o.Size))
	}
	return o.Name
}

func kindName(k Kind) string {
	return [...]string{"JWTSign", "JWTVerify", "JWSSign", "JWSVerify", "JWEEncrypt", "JWEDecrypt", "JWKSParse", "Thumbprint", "ParseUnverified"}[k]
}

func sizeName(n int) string { return fmt.Sprintf("%dKiB", n>>10) }

// Library is one implementation under comparison. Each method does its setup
// (key conversion, option building) and returns the Run that the benchmark
// times, or ErrNA.
type Library interface {
	Name() string
	JWTSign(alg string) (Run, error)
	JWTVerify(alg string, token []byte) (Run, error)
	JWSSign(alg string, payload []byte) (Run, error)
	JWSVerify(alg string, token []byte) (Run, error)
	JWEEncrypt(c JWECase, plaintext []byte) (Run, error)
	JWEDecrypt(c JWECase, token []byte) (Run, error)
	JWKSParse(data []byte) (Run, error)
	Thumbprint(kty string) (Run, error)
	ParseUnverified(token []byte) (Run, error)
}

// Libraries lists the adapters built into this binary, raw first.
var Libraries = []Library{Raw{}, RawB64{}, Ours{}, GoJose{}, JWX3{}, GolangJWT{}}

// Prepare sets up op for lib. Consumers read token (the committed fixture
// unless the cross-check passes another library's output).
func Prepare(lib Library, op Op, token []byte) (Run, error) {
	fx := Load()
	switch op.Kind {
	case JWTSign:
		return lib.JWTSign(op.Alg)
	case JWTVerify:
		return lib.JWTVerify(op.Alg, token)
	case JWSSign:
		return lib.JWSSign(op.Alg, fx.Payload(op.Size))
	case JWSVerify:
		return lib.JWSVerify(op.Alg, token)
	case JWEEncrypt:
		return lib.JWEEncrypt(op.JWE, fx.Payload(op.Size))
	case JWEDecrypt:
		return lib.JWEDecrypt(op.JWE, token)
	case JWKSParse:
		return lib.JWKSParse(fx.JWKS)
	case Thumbprint:
		return lib.Thumbprint(op.Alg)
	case ParseUnverified:
		return lib.ParseUnverified(token)
	}
	return nil, fmt.Errorf("unknown operation %q", op.Name)
}

// na is embedded by adapters: every operation is unsupported until the
// adapter overrides it.
type na struct{}

func (na) JWTSign(string) (Run, error)             { return nil, ErrNA }
func (na) JWTVerify(string, []byte) (Run, error)   { return nil, ErrNA }
func (na) JWSSign(string, []byte) (Run, error)     { return nil, ErrNA }
func (na) JWSVerify(string, []byte) (Run, error)   { return nil, ErrNA }
func (na) JWEEncrypt(JWECase, []byte) (Run, error) { return nil, ErrNA }
func (na) JWEDecrypt(JWECase, []byte) (Run, error) { return nil, ErrNA }
func (na) JWKSParse([]byte) (Run, error)           { return nil, ErrNA }
func (na) Thumbprint(string) (Run, error)          { return nil, ErrNA }
func (na) ParseUnverified([]byte) (Run, error)     { return nil, ErrNA }
