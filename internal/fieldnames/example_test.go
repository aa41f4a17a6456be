package fieldnames_test

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/joseproject/jose/internal/fieldnames"
	"github.com/joseproject/jose/internal/strictjson"
)

func ExampleChecker() {
	type claims struct {
		Admin bool `json:"admin"`
		Cnf   struct {
			JKT string `json:"jkt"`
		} `json:"cnf"`
	}
	c := fieldnames.For(reflect.TypeFor[claims]())
	fmt.Println(c.Check([]byte(`{"admin":true,"cnf":{"jkt":"x"},"other":1}`)))
	err := c.Check([]byte(`{"cnf":{"JKT":"x"}}`))
	fmt.Println(errors.Is(err, strictjson.ErrNameCase))
	fmt.Println(err)
	// Output:
	// <nil>
	// true
	// in "cnf": member name differs from an expected name only in case: "JKT" is not "jkt", the JSON name of field JKT of an unnamed struct (member names are case-sensitive)
}
