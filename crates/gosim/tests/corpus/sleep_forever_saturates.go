// A sleep of the longest Duration ends at the end of time, after every
// shorter timer: the clock saturates instead of wrapping around.
package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	go func() {
		time.Sleep(time.Second)
		fmt.Println("the short sleeper finished")
		os.Exit(3)
	}()
	select {
	case <-time.After(1<<63 - 1):
		fmt.Println("time.After fired")
	case <-time.After(1<<63 - 2):
		fmt.Println("the other time.After fired")
	}
	time.Sleep(1<<63 - 1)
	fmt.Println("main woke up")
}
