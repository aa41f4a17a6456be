package jws

// withRawProtected makes the latest WithKey's signature use exactly raw as
// its protected header bytes, so tests reproduce the RFC examples byte for
// byte (member order and white space matter). The header is still checked.
func withRawProtected(raw []byte) SignOption {
	return signOption(func(c *config) error {
		c.signers[len(c.signers)-1].rawHeader = raw
		return nil
	})
}
