// Package nilcheck owns one question that jwa and jwk both ask of a value
// handed to them behind an interface: is it nil, or a typed nil (a nil
// pointer, map, slice, func or channel in a non-nil interface)? Calling a
// method on a typed nil panics, so keys, signers, codecs and extension
// curves are checked with [IsNil] when they are made or registered, never
// on the per-token paths.
package nilcheck

import "reflect"

// IsNil reports whether v is nil or holds a nil pointer, map, slice, func,
// channel or interface.
func IsNil(v any) bool {
	if v == nil {
		return true
	}
	switch r := reflect.ValueOf(v); r.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Interface, reflect.Chan:
		return r.IsNil()
	}
	return false
}
