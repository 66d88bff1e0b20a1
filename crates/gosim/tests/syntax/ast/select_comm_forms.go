package main

func main() {
	select {
	case v, ok := <-ch:
	case x = <-ch:
	case ch <- v:
	case <-time.After(d):
	default:
	}
	select {}
}
