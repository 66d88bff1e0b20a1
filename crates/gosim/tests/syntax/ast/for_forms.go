package main

func main() {
	for range ch {
	}
	for i := range 10 {
	}
	for k, v := range m {
	}
	for k = range m {
	}
	for i := 0; i < 3; i++ {
	}
	for ;; {
	}
}
