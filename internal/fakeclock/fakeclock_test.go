package fakeclock_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fakeclock"
)

var start = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)

func Example() {
	c := fakeclock.New(start)
	c.AfterFunc(time.Hour, func() { fmt.Println("after an hour, at", c.Now().Format(time.TimeOnly)) })
	c.AfterFunc(time.Minute, func() {
		fmt.Println("after a minute")
		c.AfterFunc(time.Minute, func() { fmt.Println("a minute later") })
	})
	c.Advance(24 * time.Hour)
	fmt.Println("now", c.Now().Format(time.DateTime))
	// Output:
	// after a minute
	// a minute later
	// after an hour, at 01:00:00
	// now 2030-01-02 00:00:00
}

func TestStopAndOrder(t *testing.T) {
	c := fakeclock.New(start)
	var ran []int
	stop := c.AfterFunc(time.Second, func() { ran = append(ran, 1) })
	c.AfterFunc(time.Second, func() { ran = append(ran, 2) })
	c.AfterFunc(0, func() { ran = append(ran, 0) })
	if !stop() || stop() {
		t.Fatal("stop reports true once, then false")
	}
	if got := c.Pending(); len(got) != 2 || !got[0].Equal(start) {
		t.Fatalf("Pending() = %v", got)
	}
	c.Advance(-time.Hour) // counts as zero: runs what is due now
	if len(ran) != 1 || ran[0] != 0 || !c.Now().Equal(start) {
		t.Fatalf("after Advance(-1h): ran %v, now %v", ran, c.Now())
	}
	c.Advance(time.Second)
	if len(ran) != 2 || ran[1] != 2 {
		t.Fatalf("ran %v, want [0 2]", ran)
	}
}
