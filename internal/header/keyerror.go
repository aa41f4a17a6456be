package header

// TokenKeyError returns the cause of jwk's refusal of a key that a token
// carries (a JWS "jwk" or JWE "epk" header member, an SD-JWT "cnf" key),
// without mark, which the caller passes as jwk.ErrInvalidKeyData: jwk adds
// that mark beside the cause of every error of its parse entry points, and
// it means key data the caller gave (a key file), never a part of a token.
// The token packages wrap what this returns beside their own sentinel, so
// errors.Is still finds the cause (jwa.ErrInvalidKey, jwk.ErrVulnerableKey,
// jwa.ErrNotApproved) but not mark. An error that is not of that form is
// returned as it is.
func TokenKeyError(err, mark error) error {
	if m, ok := err.(interface{ Unwrap() []error }); ok {
		if errs := m.Unwrap(); len(errs) == 2 && errs[1] == mark {
			return errs[0]
		}
	}
	return err
}
