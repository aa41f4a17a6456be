# Every check CI runs is `make test`; nothing here needs more than Go, the
# Go module proxy and, for ext/redisstore, Debian's redis-server package
# (installed when missing).

GO          ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
FUZZTIME    ?= 10s
PKGS        := ./...
EXAMPLES    := $(sort $(dir $(wildcard examples/*/main.go)))

.PHONY: all build test fmt-check vet staticcheck unit examples ext-test redis-test fuzz bench bench-compare cover test-go127

all: build test

build:
	$(GO) build $(PKGS)
	$(GO) build -o bin/jose ./cmd/jose

# Nested modules whose tests need a real redis-server (redis-test).
REDISMODS   := ext/redisstore/
EXTMODS     := $(filter-out $(REDISMODS),$(sort $(dir $(wildcard ext/*/go.mod))))

test: fmt-check vet staticcheck unit examples ext-test redis-test test-go127

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go') | grep -v '^bench/'); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

staticcheck:
	$(GO) run $(STATICCHECK) $(PKGS)

unit:
	$(GO) test -race -count=1 $(PKGS)

# Each nested module under ext/ (its own go.mod, with a replace of the root)
# is vetted and tested on its own; go.work is not used.
ext-test:
	@set -e; for d in $(EXTMODS); do \
		echo "== $$d"; \
		(cd $$d && $(GO) vet ./... && $(GO) test -race -count=1 ./...); \
	done

# The tests of REDISMODS run against a real redis-server, never a fake:
# scripts/with-redis.sh installs Debian's package when it is missing, starts
# a server on a free loopback port with persistence off, gives its address
# in JOSE_TEST_REDIS, and stops it afterwards, on failure too.
redis-test:
	@set -e; for d in $(REDISMODS); do \
		echo "== $$d (with redis-server)"; \
		(cd $$d && $(GO) vet ./... && sh $(CURDIR)/scripts/with-redis.sh $(GO) test -race -count=1 ./...); \
	done

# The ML-DSA code needs Go 1.27 (crypto/mldsa) and is built behind a go1.27
# constraint; this runs the tests again with that toolchain, which the go
# command fetches through the module proxy, so both paths are tested.
GO127 ?= go1.27.3

test-go127:
	GOTOOLCHAIN=$(GO127) $(GO) vet $(PKGS)
	GOTOOLCHAIN=$(GO127) $(GO) test -count=1 $(PKGS)

# Each example is a program that runs offline and exits 0 when it worked.
examples:
	@set -e; for d in $(EXAMPLES); do \
		echo "== go run ./$$d"; \
		$(GO) run ./$$d > /dev/null; \
	done

# Runs every fuzz target for FUZZTIME each (the seed corpora already run in `make unit`).
fuzz:
	@set -e; for pkg in $$($(GO) list $(PKGS)); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$f"; \
			$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 $(PKGS)

# Compares this library with go-jose, jwx and golang-jwt (bench/ is a module of
# its own, so the library's go.mod never names them) and writes bench/RESULTS.md.
bench-compare:
	sh bench/run.sh

cover:
	$(GO) test -count=1 -coverprofile=cover.out $(PKGS)
	$(GO) tool cover -func=cover.out | tail -1
