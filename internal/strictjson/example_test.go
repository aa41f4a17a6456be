package strictjson_test

import (
	"fmt"

	"github.com/joseproject/jose/internal/strictjson"
)

func ExampleNames() {
	// A reader's own table: its names cost no allocation, and names that
	// differ from them only in case are refused by ObjectExact.
	names := strictjson.NewNames("protected", "payload", "signature")
	m, err := names.ObjectExact([]byte(`{"payload":"e30","protected":"e30","extra":1}`))
	fmt.Println(len(m), err)
	_, err = names.ObjectExact([]byte(`{"PAYLOAD":"e30"}`))
	fmt.Println(err)
	// Output:
	// 3 <nil>
	// member name differs from an expected name only in case: "PAYLOAD" is not "payload" (member names are case-sensitive)
}
