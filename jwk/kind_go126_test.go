//go:build !go1.27

package jwk

import "testing"

// akpKindCases: before Go 1.27 there is no ML-DSA kind.
func akpKindCases(*testing.T) []kindCase { return nil }
