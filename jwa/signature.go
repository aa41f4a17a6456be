package jwa

// builtinSignatures lists the signature algorithms the library implements.
var builtinSignatures = map[SignatureAlgorithm]SignatureScheme{}
