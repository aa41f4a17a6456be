package bench

import (
	"errors"
	"testing"
)

// BenchmarkJOSE runs every operation of Ops for every library, as
// BenchmarkJOSE/op=NAME/lib=LIB, so that benchstat can put libraries in
// columns (-col /lib). Setup (keys, options, the input token) is done before
// b.Loop and is not timed. run.sh selects one library per process with
// -bench 'JOSE//lib=NAME$'.
func BenchmarkJOSE(b *testing.B) {
	fx := Load()
	for _, op := range Ops {
		b.Run("op="+op.Name, func(b *testing.B) {
			for _, lib := range Libraries {
				b.Run("lib="+lib.Name(), func(b *testing.B) {
					run, err := Prepare(lib, op, fx.Token(op))
					if errors.Is(err, ErrNA) {
						b.Skip("n/a")
					}
					if err != nil {
						b.Fatal(err)
					}
					if _, err := run(); err != nil {
						b.Fatal(err)
					}
					b.ReportAllocs()
					if op.Size > 0 {
						b.SetBytes(int64(op.Size))
					}
					for b.Loop() {
						if _, err := run(); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
