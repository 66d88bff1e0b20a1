package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

type item struct {
	name  string
	qty   int
	price float64
}

type countingWriter struct {
	w     io.Writer
	bytes int
	lines int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	c.bytes += len(p)
	c.lines += strings.Count(string(p), "\n")
	return c.w.Write(p)
}

func render(w io.Writer, items []item) {
	fmt.Fprintf(w, "%-10s %5s %8s\n", "ITEM", "QTY", "PRICE")
	fmt.Fprintln(w, strings.Repeat("-", 25))
	total := 0.0
	for _, it := range items {
		fmt.Fprintf(w, "%-10s %5d %8.2f\n", it.name, it.qty, it.price)
		total += float64(it.qty) * it.price
	}
	fmt.Fprintf(w, "%-10s %14.2f\n", "TOTAL", total)
}

func main() {
	items := []item{{"apple", 3, 0.5}, {"bread", 1, 2.25}, {"cheese", 2, 7.8}}
	cw := &countingWriter{w: os.Stdout}
	render(cw, items)
	fmt.Println(cw.bytes, "bytes,", cw.lines, "lines")
	var sb strings.Builder
	render(&sb, items[:1])
	fmt.Printf("%q\n", sb.String())
	fmt.Fprintf(os.Stdout, "%*d|%-*d|\n", 5, 42, 4, 7)
}
