// runtime.Goexit runs the goroutine's deferred calls (recover sees nil),
// a panic raised during it can be recovered and the Goexit goes on, and
// main calling it lets the others finish, then dies of "no goroutines".
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func worker(id int, wg *sync.WaitGroup) {
	defer wg.Done()
	defer fmt.Println("worker", id, "deferred, recover:", recover())
	if id == 2 {
		runtime.Goexit()
	}
	fmt.Println("worker", id, "finished")
}

func nested() {
	defer func() {
		fmt.Println("nested defer, recover:", recover())
	}()
	func() {
		defer fmt.Println("inner defer")
		runtime.Goexit()
	}()
	fmt.Println("not reached")
}

func panicDuringGoexit(done chan bool) {
	defer func() { done <- true }()
	defer func() {
		r := recover()
		fmt.Println("recovered:", r)
	}()
	defer func() {
		panic("boom in defer")
	}()
	runtime.Goexit()
}

func main() {
	var wg sync.WaitGroup
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go worker(i, &wg)
	}
	wg.Wait()
	done := make(chan bool)
	go func() {
		defer close(done)
		nested()
		fmt.Println("after nested: not reached")
	}()
	<-done
	d2 := make(chan bool)
	go panicDuringGoexit(d2)
	<-d2
	fmt.Println("goroutines:", runtime.NumGoroutine())
	go func() {
		fmt.Println("last goroutine runs after main's Goexit")
	}()
	defer fmt.Println("main's defer runs")
	runtime.Goexit()
}
