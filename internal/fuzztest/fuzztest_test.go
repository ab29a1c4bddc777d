package fuzztest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestEncode(t *testing.T) {
	cases := []struct {
		args []any
		want string
	}{
		{[]any{[]byte("a\x00\xff")}, "go test fuzz v1\n[]byte(\"a\\x00\\xff\")\n"},
		{[]any{uint32(4096), byte(2), []byte{}}, "go test fuzz v1\nuint32(4096)\nbyte('\\x02')\n[]byte(\"\")\n"},
		{[]any{true, "x y", -3}, "go test fuzz v1\nbool(true)\nstring(\"x y\")\nint(-3)\n"},
	}
	for _, tc := range cases {
		got, err := encode(tc.args)
		if err != nil || got != tc.want {
			t.Errorf("encode(%v) = %q, %v; want %q", tc.args, got, err, tc.want)
		}
	}
	if _, err := encode([]any{1.5}); err == nil {
		t.Error("a float64 argument encoded, want an error")
	}
}

func TestFileName(t *testing.T) {
	for name, want := range map[string]string{
		"Basic header: 1-byte csid 2": "basic-header-1-byte-csid-2",
		"c0c1c2-digest0":              "c0c1c2-digest0",
		"  error / AMF3 ":             "error-amf3",
	} {
		if got := fileName(name); got != want {
			t.Errorf("fileName(%q) = %q, want %q", name, got, want)
		}
	}
}

// recordingTB keeps the errors reported to it instead of failing.
type recordingTB struct {
	testing.TB
	errors []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// TestSync: -write-seeds writes the seeds and removes the seed files no
// seed names, leaving other files; without it, a missing, changed or
// left-over seed file is reported.
func TestSync(t *testing.T) {
	t.Chdir(t.TempDir())
	dir := filepath.Join("testdata", "fuzz", "FuzzX")
	seeds := []Seed{{"one", []any{[]byte("1")}}, {"two", []any{[]byte("2")}}}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"seed-old", "0123abcd"} { // a former seed, a failing input kept
		if err := os.WriteFile(filepath.Join(dir, f), []byte("go test fuzz v1\n[]byte(\"\")\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	*write = true
	Sync(t, "FuzzX", seeds)
	*write = false
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"0123abcd", "seed-one", "seed-two"}; !slices.Equal(names, want) {
		t.Fatalf("files %v, want %v", names, want)
	}
	checks := []struct {
		name  string
		seeds []Seed
		want  int // errors
	}{
		{"in step", seeds, 0},
		{"changed", []Seed{{"one", []any{[]byte("1")}}, {"two", []any{[]byte("22")}}}, 1},
		{"missing", append(slices.Clone(seeds), Seed{"three", []any{[]byte("3")}}), 1},
		{"left over", seeds[:1], 1},
	}
	for _, c := range checks {
		r := &recordingTB{TB: t}
		Sync(r, "FuzzX", c.seeds)
		if len(r.errors) != c.want {
			t.Errorf("%s: errors %q, want %d", c.name, r.errors, c.want)
		}
	}
}
