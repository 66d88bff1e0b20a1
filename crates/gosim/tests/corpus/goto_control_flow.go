package main

import (
	"errors"
	"fmt"
)

var attempts int

func flaky() error {
	attempts++
	if attempts < 3 {
		return errors.New("temporary failure")
	}
	return nil
}

// retry uses goto the way older Go code (and the standard library) does.
func retry() (int, error) {
	tries := 0
retry:
	tries++
	if err := flaky(); err != nil {
		if tries < 5 {
			fmt.Println("retrying after:", err)
			goto retry
		}
		return tries, err
	}
	return tries, nil
}

func find(grid [][]int, target int) (int, int) {
	for i, row := range grid {
		for j, v := range row {
			if v == target {
				fmt.Println("found at", i, j)
				goto done
			}
		}
	}
	return -1, -1
done:
	return 0, 0
}

func lexer(input string) []string {
	var tokens []string
	i := 0
	start := 0
next:
	if i >= len(input) {
		goto end
	}
	if input[i] == ' ' {
		i++
		goto next
	}
	start = i
word:
	i++
	if i < len(input) && input[i] != ' ' {
		goto word
	}
	tokens = append(tokens, input[start:i])
	goto next
end:
	return tokens
}

func main() {
	n, err := retry()
	fmt.Println("tries:", n, "err:", err)
	fmt.Println(find([][]int{{1, 2}, {3, 4}}, 3))
	fmt.Println(find([][]int{{1}}, 9))
	fmt.Printf("%q\n", lexer("  go  to considered   harmful "))

	// A backward goto re-runs a declaration: each closure sees its own x.
	var fs []func() int
	k := 0
again:
	x := k * 10
	fs = append(fs, func() int { return x })
	k++
	if k < 3 {
		goto again
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	i := 0
loop:
	switch {
	case i < 2:
		i++
		goto loop
	case i == 2:
		fmt.Println("switch done", i)
	}
}
