module github.com/joseproject/jose/ext/ed448

go 1.26.0

require (
	github.com/cloudflare/circl v1.6.5
	github.com/joseproject/jose v1.0.0
)

require (
	golang.org/x/crypto v0.59.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
)
