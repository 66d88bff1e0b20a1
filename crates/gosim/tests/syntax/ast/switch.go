package main

func main() {
	switch x := f(); {
	case x > 1:
		fallthrough
	case x > 0:
	}
	switch x := f(); x {
	case 1, 2:
	}
}
