// Fan-in: 1,000 goroutines each send 200 values on one unbuffered channel.
package main

import "fmt"

func main() {
	const workers, each = 1000, 200
	out := make(chan int)
	for w := 0; w < workers; w++ {
		go func(w int) {
			for i := 0; i < each; i++ {
				out <- w + i
			}
		}(w)
	}
	sum := 0
	for k := 0; k < workers*each; k++ {
		sum += <-out
	}
	fmt.Println("fanin", workers*each, sum)
}
