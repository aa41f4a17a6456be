//go:build !linux

package redistest

import "os/exec"

// setDeathSignal does nothing where the kernel cannot tie the server's
// life to the test binary's; the test's cleanup stops it.
func setDeathSignal(*exec.Cmd) {}
