package jwa

import "errors"

// Sentinel errors shared by every layer of the library. The packages above
// jwa wrap these rather than defining look-alikes, so that one errors.Is
// test works whichever package returned the error.
var (
	// ErrUnsupportedAlgorithm: the name is not implemented (not built in and
	// not registered), or it is used where it means nothing (a signature
	// algorithm given as a key management algorithm).
	ErrUnsupportedAlgorithm = errors.New("unsupported algorithm")

	// ErrAlgorithmNotAllowed: the algorithm is implemented but the caller did
	// not allow it for this call, or the key is bound to another algorithm.
	ErrAlgorithmNotAllowed = errors.New("algorithm not allowed")

	// ErrInvalidKey: the key cannot be used with the algorithm: wrong type,
	// wrong curve, too short, too small a modulus, or a typed nil.
	ErrInvalidKey = errors.New("key unusable for this algorithm")

	// ErrInvalidSignature: a signature did not verify. It is also returned
	// for a signature of the wrong length or encoding.
	ErrInvalidSignature = errors.New("invalid signature")

	// ErrDecryption: decryption failed. It names no step: a failed key
	// unwrap, a wrong CEK length, a bad tag and bad padding all return it.
	ErrDecryption = errors.New("decryption failed")

	// ErrMalformed: input that is not well formed (bad base64url, bad
	// lengths, JSON of the wrong shape).
	ErrMalformed = errors.New("malformed input")

	// ErrLimitExceeded: input outside one of the caller's bounds (a PBES2
	// iteration count over the cap or under the floor, the PBKDF2 work of
	// one token, a decompressed size, a token size).
	ErrLimitExceeded = errors.New("limit exceeded")

	// ErrAlreadyRegistered: Register was called with a name already taken.
	ErrAlreadyRegistered = errors.New("algorithm name already registered")

	// ErrNotApproved: the program runs in FIPS 140-3 mode
	// (crypto/fips140.Enabled) and the algorithm, or the key, is not
	// approved there: see [FIPSStatus]. The error names the algorithm and
	// says why.
	ErrNotApproved = errors.New("not approved in FIPS 140-3 mode")

	// ErrInvalidOption: an option of a call is misused: a nil option, a
	// nil key, key set or function, an argument out of range, two options
	// that contradict each other, or a required option missing. Every
	// package that takes options wraps this one sentinel (jws, jwe, jwt,
	// dpop, sdjwt, jwthttp and jwk name it ErrInvalidOption too), beside
	// a more specific one where there is one ([ErrNotApproved],
	// [ErrAlgorithmNotAllowed], [ErrInvalidKey], [ErrLimitExceeded]), and
	// the message names the option and what it expected.
	ErrInvalidOption = errors.New("invalid option")
)
