module github.com/joseproject/jose/cmd/jose

go 1.26.0

require (
	github.com/joseproject/jose v1.0.0
	github.com/joseproject/jose/ext/ed448 v1.0.0
	github.com/joseproject/jose/ext/secp256k1 v1.0.0
)

require (
	github.com/cloudflare/circl v1.6.5 // indirect
	github.com/decred/dcrd/dcrec/secp256k1/v4 v4.4.1 // indirect
	golang.org/x/crypto v0.59.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
)
