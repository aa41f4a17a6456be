package bench

import (
	"bytes"
	"errors"
	"testing"
)

// TestCrossCheck makes the harness's fairness claim checkable: every token a
// library produces is read by every library that supports the operation
// (raw included), and every library reads the committed fixture tokens, with
// the same payload, plaintext or subject. Thumbprints must agree, and every
// JWKS parser must find 20 keys. Run it with GOEXPERIMENT=jsonv2 too to
// include jwx v4 (run.sh does).
func TestCrossCheck(t *testing.T) {
	fx := Load()
	checked := 0
	defer func() { t.Logf("%d checks across %d libraries", checked, len(Libraries)) }()
	for _, op := range Ops {
		switch {
		case op.Kind.Producer():
			consumer := op
			consumer.Kind = op.Kind.Consumer()
			want := fx.Payload(op.Size)
			if op.Kind == JWTSign {
				want = []byte(Subject)
			}
			sources := map[string][]byte{"fixture": fx.Tokens[TokenFile(op.Name)]}
			for _, lib := range Libraries {
				run, err := Prepare(lib, op, nil)
				if errors.Is(err, ErrNA) {
					continue
				}
				if err != nil {
					t.Errorf("%s %s setup: %v", lib.Name(), op.Name, err)
					continue
				}
				tok, err := run()
				if err != nil {
					t.Errorf("%s %s: %v", lib.Name(), op.Name, err)
					continue
				}
				if tok != nil {
					sources[lib.Name()] = tok
				}
			}
			for from, tok := range sources {
				for _, lib := range Libraries {
					run, err := Prepare(lib, consumer, tok)
					if errors.Is(err, ErrNA) {
						continue
					}
					if err == nil {
						var got []byte
						got, err = run()
						checked++
						if err == nil && got != nil && !bytes.Equal(got, want) {
							t.Errorf("%s reading %s's %s: wrong content", lib.Name(), from, op.Name)
						}
					}
					if err != nil {
						t.Errorf("%s reading %s's %s: %v", lib.Name(), from, op.Name, err)
					}
				}
			}
		case op.Kind == JWKSParse || op.Kind == Thumbprint || op.Kind == ParseUnverified:
			var want []byte
			switch op.Kind {
			case JWKSParse:
				want = []byte("20")
			case ParseUnverified:
				want = []byte(Subject)
			}
			for _, lib := range Libraries {
				run, err := Prepare(lib, op, fx.Token(op))
				if errors.Is(err, ErrNA) {
					continue
				}
				var got []byte
				if err == nil {
					got, err = run()
					checked++
				}
				if err != nil {
					t.Errorf("%s %s: %v", lib.Name(), op.Name, err)
					continue
				}
				if want == nil {
					want = got // thumbprints: the first library sets the value
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s %s: got %x, want %x", lib.Name(), op.Name, got, want)
				}
			}
		}
	}
}
