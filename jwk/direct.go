package jwk

import (
	"fmt"

	"github.com/joseproject/jose/jwa"
)

// A symmetric key whose "alg" names a content encryption, as RFC 7520
// §5.6's {"kty":"oct","alg":"A128GCM",...} does, is a CEK meant for that
// content encryption: it serves key management "dir" with exactly that
// "enc", on both sides, and no other algorithm (threat T32). A key whose
// "alg" is "dir" serves dir with any enc its length fits, as before.

// dirEnc returns the content encryption that a symmetric key's own "alg"
// names, or "" when it names none.
func (k *Key) dirEnc() jwa.ContentEncryption {
	if !k.IsSymmetric() || k.alg == "" {
		return ""
	}
	if enc := jwa.ContentEncryption(k.alg); enc.Available() {
		return enc
	}
	return ""
}

// servesDir reports whether k, whose "alg" is not alg, may still serve
// alg: dir key management, with the content encryption its "alg" names.
func (k *Key) servesDir(alg string, op operation) bool {
	return alg == string(jwa.Direct) && (op == opEncrypt || op == opDecrypt) && k.dirEnc() != ""
}

// checkDirEnc refuses key parameters whose enc is not the one k is bound to.
func (k *Key) checkDirEnc(enc jwa.ContentEncryption, p *jwa.KeyParams) error {
	if p != nil && p.Enc != enc {
		return fmt.Errorf("jwk: %v is bound to dir with %s, not %s: %w", k, enc, p.Enc, jwa.ErrAlgorithmNotAllowed)
	}
	return nil
}

// dirEncrypter and dirDecrypter are the dir bindings of a key whose "alg"
// names a content encryption: they check "enc" before the key is used.
type dirEncrypter struct {
	k   *Key
	enc jwa.ContentEncryption
	jwa.KeyEncrypter
}

func (d dirEncrypter) EncryptKey(cek []byte, p *jwa.KeyParams) ([]byte, []byte, error) {
	if err := d.k.checkDirEnc(d.enc, p); err != nil {
		return nil, nil, err
	}
	return d.KeyEncrypter.EncryptKey(cek, p)
}

type dirDecrypter struct {
	k   *Key
	enc jwa.ContentEncryption
	jwa.KeyDecrypter
}

func (d dirDecrypter) DecryptKey(encryptedKey []byte, p *jwa.KeyParams) ([]byte, error) {
	if err := d.k.checkDirEnc(d.enc, p); err != nil {
		return nil, err
	}
	return d.KeyDecrypter.DecryptKey(encryptedKey, p)
}
