package jwa

import "crypto/rsa"

// WeakRSAPublicKey is an RSA public key that the caller accepts for
// verification although its modulus is under 2048 bits: the explicit opt-in
// for verifying legacy tokens. It is never usable for signing or encryption.
type WeakRSAPublicKey struct{ Key *rsa.PublicKey }
