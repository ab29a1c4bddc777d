// Package fuzztest keeps the seed corpora of fuzz targets in step with
// the tables they come from. A seed corpus is the files under
// testdata/fuzz/<target>/ that go test replays as tests and go test -fuzz
// starts from; each package's tests build their seeds from their vector
// tables and recorded conversations, and Sync checks the committed files
// against them, or rewrites the files when the tests run with
// -write-seeds.
package fuzztest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var write = flag.Bool("write-seeds", false, "rewrite the fuzz seed corpora under testdata/fuzz from their tables")

// Seed is one input of a fuzz target: its name, which names its file
// seed-<name> (in lower case, other characters as '-'), and the fuzz
// function's arguments in order.
type Seed struct {
	Name string
	Args []any
}

// Sync checks that testdata/fuzz/<target> in the package under test holds
// exactly seeds as its seed-* files, each in the corpus format of go test,
// and with -write-seeds writes them and removes the seed-* files no seed
// names. Files of other names (an input go test -fuzz found failing,
// kept as a regression test) are left alone.
func Sync(t testing.TB, target string, seeds []Seed) {
	t.Helper()
	dir := filepath.Join("testdata", "fuzz", target)
	want := map[string]string{}
	for _, s := range seeds {
		file := "seed-" + fileName(s.Name)
		if _, dup := want[file]; dup {
			t.Fatalf("%s: two seeds named %s", target, file)
		}
		body, err := encode(s.Args)
		if err != nil {
			t.Fatalf("%s: seed %s: %v", target, s.Name, err)
		}
		want[file] = body
	}
	if *write {
		writeCorpus(t, dir, want)
		return
	}
	for file, body := range want {
		got, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil || string(got) != body {
			t.Errorf("%s is missing or stale: run go test -run %s -write-seeds", filepath.Join(dir, file), t.Name())
		}
	}
	for _, file := range seedFiles(t, dir) {
		if _, ok := want[file]; !ok {
			t.Errorf("%s is no longer a seed: run go test -run %s -write-seeds", filepath.Join(dir, file), t.Name())
		}
	}
}

// writeCorpus makes the seed-* files of dir exactly want.
func writeCorpus(t testing.TB, dir string, want map[string]string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, file := range seedFiles(t, dir) {
		if _, ok := want[file]; !ok {
			if err := os.Remove(filepath.Join(dir, file)); err != nil {
				t.Fatal(err)
			}
		}
	}
	for file, body := range want {
		if err := os.WriteFile(filepath.Join(dir, file), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// seedFiles lists the seed-* files of dir; none when it does not exist.
func seedFiles(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "seed-") {
			files = append(files, e.Name())
		}
	}
	return files
}

// fileName turns a seed's name into the rest of its file name: lower
// case, each run of characters other than letters and digits one '-'.
func fileName(name string) string {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	return strings.Join(words, "-")
}

// encode writes args in the corpus file format of go test (version 1:
// one Go literal per line, converted to its type), for the types the
// fuzz targets here take.
func encode(args []any) (string, error) {
	var b strings.Builder
	b.WriteString("go test fuzz v1\n")
	for _, a := range args {
		switch v := a.(type) {
		case []byte:
			fmt.Fprintf(&b, "[]byte(%q)\n", v)
		case string:
			fmt.Fprintf(&b, "string(%q)\n", v)
		case byte:
			fmt.Fprintf(&b, "byte(%q)\n", v)
		case bool, int, int8, int16, int64, uint, uint16, uint32, uint64:
			fmt.Fprintf(&b, "%T(%v)\n", v, v)
		default:
			return "", fmt.Errorf("fuzz argument of type %T", a)
		}
	}
	return b.String(), nil
}
