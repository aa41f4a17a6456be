package jwa

// builtinContent lists the content encryption algorithms the library implements.
var builtinContent = map[ContentEncryption]ContentScheme{}
