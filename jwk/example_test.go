package jwk_test

import (
	"context"
	"crypto"
	"crypto/rsa"
	"errors"
	"fmt"
	"math/big"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// An identity provider's key set, as served at its jwks_uri: one kid names
// an EC key and an RSA key (RFC 7520 §3).
const jwks = `{"keys":[
 {"kty":"EC","kid":"bilbo.baggins@hobbiton.example","use":"sig","crv":"P-521",
  "x":"AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt",
  "y":"AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1"},
 {"kty":"RSA","kid":"bilbo.baggins@hobbiton.example","use":"sig",
  "n":"n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw",
  "e":"AQAB"},
 {"kty":"AKP","alg":"SLH-DSA-SHA2-128s","pub":"skipped: an algorithm not implemented"}
]}`

func ExampleSet_Select() {
	set, err := jwk.ParseSet([]byte(jwks))
	if err != nil {
		panic(err)
	}
	// A token's header said kid "bilbo.baggins@hobbiton.example" and alg
	// ES512, and the caller allows ES512: the EC key is the one.
	keys, err := set.Select(context.Background(), jwk.Query{
		KeyID:     "bilbo.baggins@hobbiton.example",
		Signature: jwa.ES512,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(set.Len(), keys)
	// Output: 2 [jwk.Key{kty=EC crv=P-521 kid="bilbo.baggins@hobbiton.example"}]
}

func ExampleKey_Thumbprint() {
	// The key of RFC 7638 §3.1.
	key, err := jwk.Parse([]byte(`{"kty":"RSA","alg":"RS256","kid":"2011-04-29","e":"AQAB",
 "n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}`))
	if err != nil {
		panic(err)
	}
	tp, err := key.ThumbprintString(crypto.SHA256)
	if err != nil {
		panic(err)
	}
	uri, err := key.ThumbprintURI(crypto.SHA256)
	if err != nil {
		panic(err)
	}
	fmt.Println(tp)
	fmt.Println(uri)
	// Output:
	// NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs
	// urn:ietf:params:oauth:jwk-thumbprint:sha-256:NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs
}

// A key that arrives inside a token is bounded before it is used: by
// default an RSA key of at most 4096 bits with e = 65537.
func ExampleEmbeddedKeyLimits_Check() {
	// The public key a token's "jwk" header carried: a 6000-bit modulus.
	n := new(big.Int).Lsh(big.NewInt(1), 5999)
	k, err := jwk.FromKey(&rsa.PublicKey{N: n.Add(n, big.NewInt(3)), E: 65537})
	if err != nil {
		panic(err)
	}
	err = jwk.EmbeddedKeyLimits{}.Check(k)
	fmt.Println(errors.Is(err, jwa.ErrLimitExceeded), errors.Is(err, jwa.ErrInvalidKey))
	fmt.Println(jwk.EmbeddedKeyLimits{MaxRSABits: 8192}.Check(k))
	// Output:
	// true true
	// <nil>
}
