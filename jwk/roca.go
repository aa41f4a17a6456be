package jwk

import (
	"math/big"
	"math/bits"
)

// ROCA (CVE-2017-15361; Nemec, Sys, Svenda, Klinec and Matyas, "The Return
// of Coppersmith's Attack", ACM CCS 2017) is a flaw of the RSA key
// generator of a widely deployed smart-card and TPM library. To find primes
// fast, it only tried numbers of the form
//
//	p = k·M + (65537^a mod M)
//
// where M is the product of the first few dozen primes (2, 3, 5, ..., at
// least up to 167 for every key size) and k and a are the only random
// parts. So few bits are random that Coppersmith's method factors such a
// modulus: months of CPU for 1024 bits, years for 2048, all within reach.
//
// The same form gives the keys away. Modulo each prime r that divides M,
// p and q are both powers of 65537, so their product n is one too: n mod r
// lies in the subgroup that 65537 generates in the multiplicative group
// modulo r. Where 65537 generates the whole group the test says nothing;
// where its subgroup is small (mod 11 it is {1, 10}; mod 37 it has three
// elements) a modulus of random primes lands inside only by chance. Over the
// primes up to 167 whose subgroup is proper (11, 13, 17, 19, 37, 53, 61, 71,
// 73, 79, 97, 103, 107, 109, 127, 151, 157) a random modulus passes every
// test with a probability of about 2^-27.8, while a ROCA modulus always
// does. Those primes divide the M of every key size, so the test covers
// them all.
//
// The check is cheap: the modulus is reduced, one machine word at a time,
// modulo a product of several of these primes that fits in a word (two
// products in all on 64-bit machines), and the residue modulo each prime is
// read from that. Most ordinary moduli fail a test of the first product,
// after one pass over the modulus: some 32 divisions for 2048 bits.

// rocaGenerator is the base of the weak primes' residues.
const rocaGenerator = 65537

// rocaMaxPrime is the largest prime tested: every M of the construction
// holds the primes up to it.
const rocaMaxPrime = 167

// rocaPrime is one test: the powers of 65537 modulo r.
type rocaPrime struct {
	r      uint
	powers [(rocaMaxPrime + 63) / 64]uint64 // bit i is set when 65537^j ≡ i (mod r) for some j
}

// rocaGroup is a product of tested primes that fits in a machine word, so
// that the modulus is reduced by it in one pass.
type rocaGroup struct {
	product uint
	primes  []rocaPrime
}

var rocaGroups = makeROCAGroups()

// makeROCAGroups lists the primes up to rocaMaxPrime where 65537 does not
// generate the whole multiplicative group, grouped into word-sized
// products.
func makeROCAGroups() []rocaGroup {
	var groups []rocaGroup
	cur := rocaGroup{product: 1}
	for r := uint(3); r <= rocaMaxPrime; r += 2 {
		if !smallPrime(r) {
			continue
		}
		t := rocaPrime{r: r}
		g := rocaGenerator % r
		order := uint(0)
		for x := uint(1); ; {
			t.powers[x/64] |= 1 << (x % 64)
			order++
			if x = x * g % r; x == 1 {
				break
			}
		}
		if order == r-1 {
			continue // every residue but 0 is a power: the test says nothing
		}
		if hi, _ := bits.Mul(cur.product, r); hi != 0 {
			groups = append(groups, cur)
			cur = rocaGroup{product: 1}
		}
		cur.product *= r
		cur.primes = append(cur.primes, t)
	}
	return append(groups, cur)
}

func smallPrime(r uint) bool {
	for d := uint(2); d*d <= r; d++ {
		if r%d == 0 {
			return false
		}
	}
	return r >= 2
}

// hasROCAFingerprint reports whether n has the fingerprint of the ROCA key
// generator: n mod r is a power of 65537 for every tested prime r.
func hasROCAFingerprint(n *big.Int) bool {
	words := n.Bits()
	for _, g := range rocaGroups {
		rem := uint(0)
		for i := len(words) - 1; i >= 0; i-- {
			_, rem = bits.Div(rem, uint(words[i]), g.product) // rem < product: no overflow
		}
		for _, t := range g.primes {
			if x := rem % t.r; t.powers[x/64]&(1<<(x%64)) == 0 {
				return false
			}
		}
	}
	return true
}
