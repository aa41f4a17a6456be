//go:build !unix

package jwkring

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs on this system") }
