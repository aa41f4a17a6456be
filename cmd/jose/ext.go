package main

// The ext modules register their algorithms and key types with jwa and jwk
// when imported: with them every algorithm of the project works in the
// command (ES256K and secp256k1 keys; Ed448, and ECDH-ES over X448).
import (
	_ "github.com/joseproject/jose/ext/ed448"
	_ "github.com/joseproject/jose/ext/secp256k1"
)
