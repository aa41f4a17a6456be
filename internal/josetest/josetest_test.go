package josetest

import (
	"encoding/json"
	"testing"
)

func TestSerializations(t *testing.T) {
	var o Output
	if err := json.Unmarshal([]byte(`{"compact":"a.b.c","json_flat":{"x":1}}`), &o); err != nil {
		t.Fatal(err)
	}
	got := o.Serializations()
	if len(got) != 2 || string(got["compact"]) != "a.b.c" || string(got["json_flat"]) != `{"x":1}` {
		t.Fatalf("got %q", got)
	}
	if b := B64(t, "AQI"); len(b) != 2 || b[0] != 1 || b[1] != 2 {
		t.Fatalf("B64 = %v", b)
	}
}
