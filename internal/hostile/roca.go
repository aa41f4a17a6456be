package hostile

import (
	"crypto/rsa"
	"math/big"
	mrand "math/rand/v2"
)

// ROCAM is the M of the ROCA construction (CVE-2017-15361) for its smallest
// keys: the product of the first 39 primes, 2 to 167. The M of every larger
// key size is a multiple of it.
func ROCAM() *big.Int {
	m := big.NewInt(1)
	for r := int64(2); r <= 167; r++ {
		if big.NewInt(r).ProbablyPrime(0) { // exact below 2^64
			m.Mul(m, big.NewInt(r))
		}
	}
	return m
}

// ROCAStyle returns a number of the ROCA form k·M + (65537^a mod M), with M
// from ROCAM and random a and k, of bits bits and at least √2·2^(bits-1), so
// that the product of two of them has 2·bits bits.
func ROCAStyle(rng *mrand.Rand, bits int) *big.Int {
	m := ROCAM()
	a := new(big.Int).SetUint64(rng.Uint64())
	x := new(big.Int).Exp(big.NewInt(65537), a, m)
	lo := new(big.Int).Lsh(big.NewInt(11586), uint(bits-1-13)) // 11586/8192 > √2
	lo.Div(lo, m).Add(lo, big.NewInt(1))
	hi := new(big.Int).Lsh(big.NewInt(1), uint(bits))
	hi.Sub(hi, x).Div(hi, m) // k·M + x < 2^bits
	k := new(big.Int)
	for k.BitLen() < bits+64 {
		k.Lsh(k, 64).Or(k, new(big.Int).SetUint64(rng.Uint64()))
	}
	k.Mod(k, hi.Sub(hi, lo)).Add(k, lo)
	return x.Add(x, k.Mul(k, m))
}

// ROCAKey returns an RSA key of the given size made as the flawed generator
// made them: both primes of the ROCA form, searched until prime. The seed
// makes it reproducible.
func ROCAKey(bits int, seed byte) *rsa.PrivateKey {
	rng := mrand.New(mrand.NewChaCha8([32]byte{'r', 'o', 'c', 'a', seed}))
	prime := func() *big.Int {
		for {
			if p := ROCAStyle(rng, bits/2); p.ProbablyPrime(20) {
				return p
			}
		}
	}
	e := big.NewInt(65537)
	one := big.NewInt(1)
	for {
		p, q := prime(), prime()
		phi := new(big.Int).Mul(new(big.Int).Sub(p, one), new(big.Int).Sub(q, one))
		d := new(big.Int).ModInverse(e, phi)
		if d == nil || p.Cmp(q) == 0 {
			continue
		}
		k := &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: new(big.Int).Mul(p, q), E: 65537}, D: d, Primes: []*big.Int{p, q}}
		k.Precompute()
		return k
	}
}
