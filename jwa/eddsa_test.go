package jwa

import (
	"crypto/ed25519"
	"errors"
	"math/big"
	"testing"
)

// edwards25519 arithmetic in math/big, slow and test-only: enough to prove
// that smallOrderY holds exactly the y coordinates of the small-order
// points.
var (
	edP = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(19))
	// d = -121665/121666 mod p
	edD = func() *big.Int {
		inv := new(big.Int).ModInverse(big.NewInt(121666), edP)
		d := new(big.Int).Mul(big.NewInt(-121665), inv)
		return d.Mod(d, edP)
	}()
)

func edMod(x *big.Int) *big.Int { return x.Mod(x, edP) }

// edX returns an x with (x, y) on -x^2 + y^2 = 1 + d x^2 y^2, or nil.
func edX(y *big.Int) *big.Int {
	y2 := edMod(new(big.Int).Mul(y, y))
	num := edMod(new(big.Int).Sub(y2, big.NewInt(1)))
	den := edMod(new(big.Int).Add(new(big.Int).Mul(edD, y2), big.NewInt(1)))
	x2 := edMod(new(big.Int).Mul(num, new(big.Int).ModInverse(den, edP)))
	x := new(big.Int).ModSqrt(x2, edP)
	return x
}

// edAdd adds two affine points (a = -1).
func edAdd(x1, y1, x2, y2 *big.Int) (*big.Int, *big.Int) {
	t := edMod(new(big.Int).Mul(edD, edMod(new(big.Int).Mul(edMod(new(big.Int).Mul(x1, x2)), edMod(new(big.Int).Mul(y1, y2))))))
	xn := edMod(new(big.Int).Add(new(big.Int).Mul(x1, y2), new(big.Int).Mul(y1, x2)))
	yn := edMod(new(big.Int).Add(new(big.Int).Mul(y1, y2), new(big.Int).Mul(x1, x2)))
	xd := new(big.Int).ModInverse(edMod(new(big.Int).Add(big.NewInt(1), t)), edP)
	yd := new(big.Int).ModInverse(edMod(new(big.Int).Sub(big.NewInt(1), t)), edP)
	return edMod(xn.Mul(xn, xd)), edMod(yn.Mul(yn, yd))
}

func leToInt(b []byte) *big.Int { return new(big.Int).SetBytes(reverse(b)) }

// TestSmallOrderList proves the list: each y is on the curve, [8]P is the
// identity, and the points counted (two per y with x != 0, one per y with
// x = 0) are the eight of the torsion subgroup.
func TestSmallOrderList(t *testing.T) {
	points := 0
	for i, enc := range smallOrderY {
		y := leToInt(enc[:])
		x := edX(y)
		if x == nil {
			t.Fatalf("entry %d: not on the curve", i)
		}
		px, py := x, y
		for range 3 {
			px, py = edAdd(px, py, px, py)
		}
		if px.Sign() != 0 || py.Cmp(big.NewInt(1)) != 0 {
			t.Fatalf("entry %d: [8]P is not the identity", i)
		}
		if x.Sign() == 0 {
			points++
		} else {
			points += 2
		}
	}
	if points != 8 {
		t.Fatalf("%d points, want 8", points)
	}
	// A real public key is not of small order.
	pub := testKeys(t).ed.Public().(ed25519.PublicKey)
	y := leToInt(append(pub[:31:31], pub[31]&0x7f))
	x := edX(y)
	for range 3 {
		x, y = edAdd(x, y, x, y)
	}
	if x.Sign() == 0 && y.Cmp(big.NewInt(1)) == 0 {
		t.Fatal("RFC 8037 key is of small order")
	}
}

// TestEd25519KeyEncodings refuses every small-order encoding (both sign
// bits) and every non-canonical y (T11).
func TestEd25519KeyEncodings(t *testing.T) {
	var bad [][32]byte
	for _, y := range smallOrderY {
		withSign := y
		withSign[31] |= 0x80
		bad = append(bad, y, withSign)
	}
	// y = p + k for k in 0..18 (all of them are >= p), with either sign.
	for k := range 19 {
		var y [32]byte
		leY := new(big.Int).Add(edP, big.NewInt(int64(k))).FillBytes(make([]byte, 32))
		copy(y[:], reverse(leY))
		withSign := y
		withSign[31] |= 0x80
		bad = append(bad, y, withSign)
	}
	for _, enc := range bad {
		for _, alg := range []SignatureAlgorithm{EdDSA, Ed25519} {
			if _, err := alg.NewVerifier(ed25519.PublicKey(enc[:])); !errors.Is(err, ErrInvalidKey) {
				t.Errorf("%s %x: err = %v, want ErrInvalidKey", alg, enc, err)
			}
		}
	}
	// p - 1 is canonical and of small order (listed); p - 2 is canonical
	// and accepted here (whether it is a point is left to Verify).
	var y [32]byte
	copy(y[:], reverse(new(big.Int).Sub(edP, big.NewInt(2)).FillBytes(make([]byte, 32))))
	if _, err := EdDSA.NewVerifier(ed25519.PublicKey(y[:])); err != nil {
		t.Errorf("y = p-2: %v", err)
	}
}
