package jwa

// DefaultP2C is the PBES2 iteration count an encrypter uses when none is given.
const DefaultP2C = 600_000

// DefaultMaxP2C is the largest PBES2 iteration count a decrypter accepts
// unless the caller sets another cap.
const DefaultMaxP2C = 1_000_000

// builtinKeyManagement lists the key management algorithms the library implements.
var builtinKeyManagement = map[KeyAlgorithm]KeyManagementScheme{}
