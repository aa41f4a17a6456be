# Every check CI runs is `make test`; nothing here needs more than Go, the
# Go module proxy and, for ext/redisstore, Debian's redis-server package
# (installed when missing).
#
# The repository holds several modules (RELEASING.md): the library at the
# root, each ext/* directory with a go.mod, and the command, cmd/jose, which
# imports the library and the ext modules of algorithms. go.work joins them, so the go
# command builds each against the library of this checkout; TestModules
# (modules_test.go) checks that go.work lists every one. The root's ./...
# is the library's packages only: the nested modules are built, vetted and
# tested by `nested` and `test-go127` (and cmd/jose in FIPS 140-3 mode by
# `test-fips`), each from its own directory. bench/ is a module kept out of the
# workspace (it imports other JOSE libraries) and runs with GOWORK=off.

GO          ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
FUZZTIME    ?= 10s
PKGS        := ./...
EXAMPLES    := $(sort $(dir $(wildcard examples/*/main.go)))

.PHONY: all build test fmt-check vet staticcheck unit test-fips examples nested nested-run ext-test fuzz bench bench-compare cover test-go127 test-go127-nested

all: build test

# bin/jose is built from the command's module, in the workspace of go.work.
build:
	$(GO) build $(PKGS)
	cd cmd/jose && $(GO) build -o ../../bin/jose .

# A new ext/* or cmd/* module is picked up here by its go.mod alone.
NESTED      := $(sort $(dir $(wildcard ext/*/go.mod cmd/*/go.mod)))

test: fmt-check vet staticcheck unit test-fips examples nested test-go127

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go') | grep -v '^bench/'); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

staticcheck:
	$(GO) run $(STATICCHECK) $(PKGS)

unit:
	$(GO) test -race -count=1 $(PKGS)

# FIPS 140-3 mode (README, "FIPS 140-3"): the whole suite again with
# GODEBUG=fips140=on (without -race, which the run above covers), then the
# FIPS tests with fips140=only, where crypto/ itself refuses what is not
# approved. JOSE_FIPS_TEST makes those tests fail, not skip, when the mode is
# not what the target asked for. FIPS_PKGS are the root module's packages
# with FIPS tests; each of FIPS_MODULES, a nested module of the workspace,
# runs the same two passes from its own directory (the root's ./... does
# not reach into it).
FIPS_PKGS    := ./jwa/ ./jwk/ ./jws/ ./jwe/ ./jwt/
FIPS_MODULES := cmd/jose
FIPS_RUN     := FIPS|GCM
FIPS_ON      := GODEBUG=fips140=on JOSE_FIPS_TEST=on
FIPS_ONLY    := GODEBUG=fips140=only JOSE_FIPS_TEST=only

test-fips:
	$(FIPS_ON) $(GO) test -count=1 $(PKGS)
	$(FIPS_ONLY) $(GO) test -count=1 -run '$(FIPS_RUN)' $(FIPS_PKGS)
	@set -e; for d in $(FIPS_MODULES); do \
		echo "== $$d (FIPS 140-3)"; \
		(cd $$d && $(FIPS_ON) $(GO) test -count=1 ./... && $(FIPS_ONLY) $(GO) test -count=1 -run '$(FIPS_RUN)' ./...); \
	done

# Each nested module is vetted, checked and tested on its own, in the
# workspace of go.work (its go.mod requires a released library; go.work
# builds it against this checkout instead).
#
# They run with a real redis-server beside them, never a fake (the tests of
# ext/redisstore need one): scripts/with-redis.sh installs Debian's package
# when it is missing, starts a server on a free loopback port with
# persistence off, gives its address in JOSE_TEST_REDIS, and stops it
# afterwards, on failure too.
nested:
	@sh scripts/with-redis.sh $(MAKE) --no-print-directory nested-run

nested-run:
	@set -e; for d in $(NESTED); do \
		echo "== $$d"; \
		(cd $$d && $(GO) vet ./... && $(GO) run $(STATICCHECK) ./... && $(GO) test -race -count=1 ./...); \
	done

ext-test: nested

# The ML-DSA code needs Go 1.27 (crypto/mldsa) and is built behind a go1.27
# constraint, in the library and in the command (jwk gen --kty AKP); this
# runs the tests of every module again with that toolchain, which the go
# command fetches through the module proxy, so both paths are tested, and
# the FIPS tests with fips140=only, which then cover ML-DSA (FIPS 204). The
# nested modules run beside a redis-server, as in `nested`.
GO127 ?= go1.27.3

test-go127:
	GOTOOLCHAIN=$(GO127) $(GO) vet $(PKGS)
	GOTOOLCHAIN=$(GO127) $(GO) test -count=1 $(PKGS)
	GOTOOLCHAIN=$(GO127) $(FIPS_ONLY) $(GO) test -count=1 -run '$(FIPS_RUN)' $(FIPS_PKGS)
	@sh scripts/with-redis.sh $(MAKE) --no-print-directory test-go127-nested

test-go127-nested:
	@set -e; for d in $(NESTED); do \
		echo "== $$d (Go $(GO127))"; \
		(cd $$d && GOTOOLCHAIN=$(GO127) $(GO) vet ./... && GOTOOLCHAIN=$(GO127) $(GO) test -count=1 ./...); \
	done
	@set -e; for d in $(FIPS_MODULES); do \
		echo "== $$d (Go $(GO127), FIPS 140-3 only)"; \
		(cd $$d && GOTOOLCHAIN=$(GO127) $(FIPS_ONLY) $(GO) test -count=1 -run '$(FIPS_RUN)' ./...); \
	done

# Each example is a program that runs offline and exits 0 when it worked.
examples:
	@set -e; for d in $(EXAMPLES); do \
		echo "== go run ./$$d"; \
		$(GO) run ./$$d > /dev/null; \
	done

# Runs every fuzz target for FUZZTIME each (the seed corpora already run in
# `make unit` and `nested`): the library's, then those of each nested module
# (cmd/jose, ext/*), from the module's own directory, as `nested` does.
# FUZZ_MODULE fuzzes the packages of the module of the current directory.
FUZZ_MODULE = for pkg in $$($(GO) list ./...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$f"; \
			$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done

fuzz:
	@set -e; $(FUZZ_MODULE)
	@set -e; for d in $(NESTED); do \
		(cd $$d && $(FUZZ_MODULE)); \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 5 $(PKGS)

# Compares this library with go-jose, jwx and golang-jwt (bench/ is a module of
# its own, so the library's go.mod never names them) and writes bench/RESULTS.md.
# bench/ is outside the workspace: it reaches the library through its own
# replace, with GOWORK=off.
bench-compare:
	GOWORK=off sh bench/run.sh

cover:
	$(GO) test -count=1 -coverprofile=cover.out $(PKGS)
	$(GO) tool cover -func=cover.out | tail -1
