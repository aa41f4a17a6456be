package sdjwt_test

import (
	"errors"
	"testing"

	"github.com/joseproject/jose/internal/hostile"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/sdjwt"
)

// TestSpaceAroundSDJWT: an SD-JWT with white space around it (a file's
// trailing newline) verifies in both serializations, within a size limit
// that counts the SD-JWT alone; white space inside it is refused with
// jwa.ErrMalformed.
func TestSpaceAroundSDJWT(t *testing.T) {
	f := newFixture(t)
	for _, form := range []struct {
		name string
		opts []sdjwt.IssueOption
	}{
		{"compact", nil},
		{"JSON", []sdjwt.IssueOption{sdjwt.WithJSON()}},
	} {
		sd, err := sdjwt.Issue(sampleClaims(), jwa.ES256, f.issuer,
			append(form.opts, sdjwt.WithDisclosable("/given_name", "/address/locality"))...)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range hostile.SpaceAround(sd) {
			got, err := sdjwt.Verify[map[string]any](c.Token, f.verifyOpts(false)...)
			if err != nil || got["given_name"] != "Erika" {
				t.Errorf("%s, %s: %v, %v", form.name, c.Name, got, err)
			}
		}
		if _, err := sdjwt.Verify[map[string]any](sd+"\n", append(f.verifyOpts(false), sdjwt.WithMaxSize(len(sd)))...); err != nil {
			t.Errorf("%s: an SD-JWT of exactly WithMaxSize with a LF: %v", form.name, err)
		}
		for _, c := range hostile.SpaceInside(sd) {
			_, err := sdjwt.Verify[map[string]any](c.Token, f.verifyOpts(false)...)
			if !errors.Is(err, jwa.ErrMalformed) || !hostile.NamesEncoding(err) {
				t.Errorf("%s, %s: %v, want jwa.ErrMalformed saying what is not base64url or JSON", form.name, c.Name, err)
			}
		}
	}
}
