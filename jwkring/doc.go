// Package jwkring is the issuer's side of key rotation: a ring of signing
// keys that rotates on a schedule without a single failed verification, the
// JWK Set handler its verifiers fetch, a minimal OpenID Connect discovery
// document, and a store that every instance of the issuer shares.
//
//	ring, err := jwkring.New(ctx, jwkring.Policy{
//		Period:           24 * time.Hour,   // each key signs for a day
//		Lead:             time.Hour,        // and is published an hour before
//		MaxTokenLifetime: 15 * time.Minute, // tokens live 15 minutes at most
//		Leeway:           time.Minute,      // verifiers allow a minute of skew
//	}, jwkring.WithStore(store, kek))
//	if err != nil {
//		return err
//	}
//	defer ring.Close()
//	mux.Handle("GET /jwks.json", ring.JWKSHandler())
//	token, err := ring.Sign(claims, jwt.WithType("at+jwt"))
//	if err != nil {
//		return err
//	}
//
// # The timeline of a key
//
// With P the period, L the lead time, H = MaxTokenLifetime + Leeway the
// hold, and every key's kid its RFC 7638 thumbprint:
//
//	          rotation            rotation            rotation
//	              │    L              │    L              │    L
//	key 1  ═══════════════╪···· H ····│
//	key 2         ├╌╌╌╌╌╌╌┼═══════════════════╪···· H ····│
//	key 3                             ├╌╌╌╌╌╌╌┼═══════════════════╪···
//	key 4                                                 ├╌╌╌╌╌╌╌┼═══
//	                      │←───────── P ─────→│←───────── P ─────→│
//
//	├╌╌╌ next: published, not signing   ═══ current: published, signing
//	···· previous: published, signing no more   │ retired: left the set
//
// A rotation publishes a new key; L later it starts signing and the
// current key stops; H after that the old key leaves the published set.
// The scheduled rotation comes L before the newest key has signed for P,
// so each key signs for exactly P. [Ring.Rotate] rotates now, and the
// schedule counts its next period from the key it added. A new ring's
// first key signs at once: no verifier can hold a set of the ring from
// before it.
//
// # Invariants
//
// With S the reload interval ([WithReloadInterval]; zero without a store)
// and M the max-age of the key set:
//
//  1. A key signs only after it has been published for at least L (I1).
//     Its activation time is set, L ahead, when it is published, and every
//     instance signs with the key whose activation has passed on its own
//     clock.
//  2. M = L − S (I2). Every instance learns of a key within S of its
//     publication (it reloads the shared state every S), and a verifier
//     never keeps a set longer than M (jwk.Remote refreshes at 80–90% of
//     it), so the set every verifier holds when a key starts signing was
//     fetched after every instance published it. No verifier needs to
//     fetch the set for an unknown kid, which stays a safety net (T80).
//     A verifier that caches longer than M (jwk.Remote clamps max-age to
//     its minimum refresh interval, one minute by default) needs L − S at
//     least that long.
//  3. A key stays published H after it stops signing (I3): its last token
//     is signed before its successor starts, [Ring.Sign] refuses an "exp"
//     more than MaxTokenLifetime ahead (T82), and a verifier accepts a
//     token up to its leeway after "exp".
//  4. After that it is retired (I4): it leaves the key set, and the state
//     at the next rotation; no token it signed can be valid any longer.
//  5. One schedule for all instances (I5): the schedule is data in the
//     shared state, written only by compare-and-swap, so a rotation that
//     several instances find due happens once, and all instances sign
//     with the same key at the same time (T81).
//  6. The policy is checked when the ring is made: L ≤ P, both at least
//     [MinPeriod]; MaxTokenLifetime at least [MinLifetime]; Leeway ≥ 0;
//     S < L; no duration over [MaxDuration]; the hold needs at most
//     [MaxKeys] keys published at once. Failures wrap [ErrPolicy].
//
// The tests prove each invariant under a clock moved by hand, against
// jwk.Remote verifiers fetching the set over HTTP.
//
// # Keys
//
// New keys are made with jwk.Generate for the policy's algorithm: ES256 by
// default (every JOSE verifier has it; OpenID Connect relying parties that
// need RS256 for ID tokens get it with Policy.Algorithm), EdDSA, Ed25519,
// ES384, ES512, RS* and PS* with 2048 bits or Policy.RSABits. Each key
// has "alg", "use":"sig" and its thumbprint as "kid". The key set holds
// public keys only. [Ring.Sign] signs with the current key through
// jwt.Sign; [Ring.SigningKey] gives the key for other signatures.
//
// # Stores and instances
//
// Without [WithStore] the ring lives in memory, for one process that may
// forget its keys on restart. With it, the state (keys and schedule) is
// sealed before the store sees it: a compact JWE, A256KW with the
// caller's 256-bit key-encryption key and A256GCM with a fresh content
// key per write, so a store holds no plaintext private key (T84). A state
// that does not decrypt, is malformed, or is older than the one the ring
// holds (a rollback) is refused ([ErrState], T83).
//
// Each instance reads the shared state at start-up and every S after,
// and writes it only by compare-and-swap ([Store]): a rotation reads the
// latest state, adds its key and writes, and a write that lost to another
// instance reads again and decides again. A store that fails leaves the
// ring as it was, the current key signing, and fails loudly: [Ring.Rotate]
// returns an error wrapping [ErrStore], and the background work goes to
// [WithErrorHandler] and [Ring.LastError] and retries every S. A store
// that comes back empty (wiped) gets the instance's state back.
//
// [FileStore] keeps the state in one file, written atomically with mode
// 0600, for a single process. github.com/joseproject/jose/ext/redisstore
// keeps it in Redis for several instances.
//
// # Clocks
//
// Every time decision (which key signs, what is published, when a
// rotation is due, when to reload) is made on the ring's clock
// ([WithClock], the system clock by default). The instances' clocks
// should agree within the Leeway, as the verifiers' must. A state whose
// newest key starts signing more than Period plus Leeway after the ring's
// own time was written by a clock that ran ahead: the ring keeps signing
// with its current key, and [Ring.Rotate], [Ring.Refresh] and the
// background work fail with [ErrState] until the clocks agree, rather
// than rotate into a schedule that would not take effect before then.
package jwkring
