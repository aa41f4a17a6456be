// Package redisstore keeps, in Redis (or Valkey), what the defenses of the
// jose module must share across the instances of a service behind a load
// balancer: the DPoP proofs already accepted ([Store.Use], a
// [dpop.ReplayStore]), the tokens revoked ([Store.Revoke],
// [Store.JTIValidator]) and the one-time tokens already used
// ([Store.OneTimeJTIValidator]). A proof used at one instance is then a
// replay at every other, and a token revoked at one is refused by all. On
// the issuer's side, it keeps the key ring of package jwkring
// ([Store.KeyRing], a jwkring.Store): every instance signs with the same
// key, and a rotation happens once.
//
//	rdb := redis.NewClient(&redis.Options{Addr: "redis:6379", ContextTimeoutEnabled: true})
//	store := redisstore.New(rdb)
//	proofs, err := dpop.NewValidator(dpop.WithReplayStore(store))
//	if err != nil {
//		return err
//	}
//	claims, err := jwt.Verify[jwt.Claims](token, jwt.WithKeySet(keys, jwa.ES256),
//		jwt.WithJTIValidator(store.JTIValidator()))
//	if err != nil {
//		return err
//	}
//
// # Fail closed
//
// Each call is one round trip, bounded by [DefaultTimeout] ([WithTimeout]).
// When Redis cannot be reached, times out, or answers with an error, the
// call returns an error wrapping [ErrUnavailable] and the cause, and the
// proof or token is refused: a shared store that cannot be asked protects
// nothing. A Store never reports success for an ID it did not record; an
// expiry that is not after the current time is refused, not recorded (Redis
// would answer OK to it and keep nothing).
//
// # Keys
//
// Every key is the prefix ([DefaultPrefix], [WithPrefix]), "dpop:" or
// "jti:", then the base64url SHA-256 of the ID: IDs come from tokens and
// anyone can choose them, so they are hashed rather than stored, and every
// key has the same length whatever the ID. A record costs Redis about 100
// bytes. Each key expires, with PXAT, at the end of the millisecond that
// holds the last instant its proof or token could be accepted, so Redis
// drops it on its own. A "jti" is unique only among one issuer's tokens:
// give issuers whose IDs could collide prefixes of their own. A key ring's
// state is at the prefix, "ring:", then the ring's name (chosen by the
// operator, so not hashed), with no expiry; Redis sees it sealed.
//
// The commands, one round trip each: Use is SET NX PXAT; Revoke is MULTI,
// SET NX PXAT, PEXPIREAT GT, EXEC (a revocation is extended, never
// shortened); Revoked is EXISTS; JTIValidator is GET; OneTimeJTIValidator
// is SET NX GET PXAT; a key ring's Load is GET, and its CompareAndSwap one
// Lua script (EVALSHA: GET, compare, SET). Each touches a single key, so a Redis Cluster
// (redis.ClusterClient) and a Sentinel-managed primary
// (redis.NewFailoverClient) work as a single server does.
//
// # Redis
//
//   - Version: Redis 7.0 or later, or Valkey 7.2 or later (SET NX GET and
//     PEXPIREAT GT are from Redis 7.0; SET PXAT alone, all Use needs, from
//     6.2). The tests run against Debian 12's redis-server 7.0.15.
//   - Persistence: a Redis that restarts without its data has forgotten
//     every proof and every revocation, and accepts them again. Run it
//     with appendonly yes (appendfsync always loses nothing acknowledged;
//     everysec can lose the last second), or with replicas; replication is
//     asynchronous, so a failover can lose the last writes too. A key
//     ring fares better: its running instances write their state back to
//     a Redis that lost it, and refuse one restored from an older
//     snapshot as a rollback.
//   - Memory: set maxmemory-policy to noeviction. Every key of the Store
//     has an expiry, so a volatile-* or allkeys-* policy may evict a record
//     early, and a replay or a revoked token would be accepted; with
//     noeviction a full Redis refuses the write, which refuses the request.
//   - Clocks: Redis drops a key by its own clock. A Redis whose clock runs
//     ahead of the servers' by d forgets every record d early; keep the
//     clocks synchronised (NTP), as the expiry checks of tokens need anyway.
//   - Reads: send them to the primary. A client that routes reads to
//     replicas (ReadOnly, RouteByLatency, RouteRandomly) can miss a
//     revocation written a moment before.
//   - Client: make it with ContextTimeoutEnabled, so that the timeout ends
//     the call on the socket. With another client the Store stops waiting
//     at the deadline all the same, and the call ends at the client's own
//     ReadTimeout.
//
// A reply lost in the network after Redis recorded an ID can make the
// client send the command again and find the ID there: the request is then
// refused as a replay, or a one-time token as used, though it was used
// once. Nothing is ever accepted twice.
package redisstore
