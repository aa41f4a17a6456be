module github.com/joseproject/jose

go 1.26
