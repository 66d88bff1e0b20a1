// Command std-api prints gosim's table of Go's standard library
// (crates/gosim/src/prelude/exported.txt) from the sources of the Go toolchain
// that runs it: the exported package-level names of the packages gosim
// simulates. The checker uses it
// to tell a name gosim has not written yet (`fmt.Fprintln`: a limitation of
// the simulator) from one Go does not have (`fmt.Printline`: `undefined`).
//
// Usage, from the repository root, with the Go release gosim models
// (record-real-go.py installs it into target/real-go/):
//
//	go run scripts/std-api.go > crates/gosim/src/prelude/exported.txt
package main

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The packages gosim simulates (crates/gosim/src/prelude/).
// A gosim test checks that every package of the prelude has its line.
var simulated = []string{
	"bufio", "bytes", "cmp", "context", "errors", "fmt", "io", "iter", "log",
	"maps", "math", "net", "os", "runtime", "slices", "sort", "strconv",
	"strings", "sync", "sync/atomic", "time", "unicode", "unicode/utf8",
}

func main() {
	// One line per package gosim simulates, sorted by path: the path, then
	// its exported package-level names, sorted, separated by spaces. Text
	// rather than tables of &str: gzip packs words, not pointers. The
	// browser fetches it with the library sources (gosim::prelude).
	sort.Strings(simulated)
	for _, p := range simulated {
		fmt.Println(p + " " + strings.Join(exported(p), " "))
	}
}

// exported lists the exported package-level identifiers of the standard
// package at path, over all its non-test files (every platform's).
func exported(path string) []string {
	dir := filepath.Join(build.Default.GOROOT, "src", path)
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, dir, func(fi os.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, parser.SkipObjectResolution)
	if err != nil {
		fmt.Fprintln(os.Stderr, path, err)
		os.Exit(1)
	}
	seen := map[string]bool{}
	for name, pkg := range pkgs {
		if strings.HasSuffix(name, "_test") || name == "main" {
			continue
		}
		for _, f := range pkg.Files {
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					if d.Recv == nil && d.Name.IsExported() {
						seen[d.Name.Name] = true
					}
				case *ast.GenDecl:
					for _, s := range d.Specs {
						switch s := s.(type) {
						case *ast.TypeSpec:
							if s.Name.IsExported() {
								seen[s.Name.Name] = true
							}
						case *ast.ValueSpec:
							for _, n := range s.Names {
								if n.IsExported() {
									seen[n.Name] = true
								}
							}
						}
					}
				}
			}
		}
	}
	var names []string
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
