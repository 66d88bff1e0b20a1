// for-select with time.After: replies that arrive before the deadline are
// taken, the ones after it are abandoned, and a ticker case counts while
// waiting. The gaps between events are wide so the order never depends on
// scheduling.
package main

import (
	"fmt"
	"time"
)

func worker(id int, delay time.Duration, out chan<- int) {
	time.Sleep(delay)
	out <- id
}

func main() {
	out := make(chan int, 4)
	go worker(1, 30*time.Millisecond, out)
	go worker(2, 90*time.Millisecond, out)
	go worker(3, 10*time.Millisecond, out)
	go worker(4, 200*time.Millisecond, out)

	deadline := time.After(140 * time.Millisecond)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	ticks := 0
	var got []int
loop:
	for {
		select {
		case id := <-out:
			got = append(got, id)
			fmt.Println("reply from", id, "after", ticks, "ticks")
		case <-tick.C:
			ticks++
		case <-deadline:
			fmt.Println("deadline")
			break loop
		}
	}
	fmt.Println("replies:", got, "ticks:", ticks)

	select {
	case id := <-out:
		fmt.Println("late reply already there:", id)
	default:
		fmt.Println("late reply not there yet")
	}
	fmt.Println("late reply:", <-out)
}
