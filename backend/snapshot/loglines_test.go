package snapshot

import (
	"slices"
	"testing"
)

func TestProfileLogLinesKeepsOwnRuns(t *testing.T) {
	p := demoProfile()
	lines := []string{
		`{"msg":"command started","command":"verify","run_id":"r1"}`,
		`{"msg":"verification started","tenant":"USG1008IT124S","client_id":"ukglink-demo-client","run_id":"r1"}`,
		`{"msg":"check failed","detail":"HTTP 403 on servicet","run_id":"r1"}`,
		`{"msg":"command started","command":"verify","run_id":"r2"}`,
		`{"msg":"verification started","tenant":"GLX2000AB","client_id":"globex-client","run_id":"r2"}`,
		`{"msg":"check failed","detail":"HTTP 401 on service2","run_id":"r2"}`,
		`{"msg":"report not saved","profile":"acme"}`,
		`{"msg":"draft created","profile":"globex"}`,
		`{"msg":"token issued","tenant":"usg1008it124s"}`,
		`{"msg":"same tenant, other client","tenant":"USG1008IT124S","client_id":"other-client"}`,
		`{"msg":"window service started"}`,
		`not json`,
	}
	want := []string{lines[0], lines[1], lines[2], lines[6], lines[8]}
	got := ProfileLogLines(lines, p, 100)
	if !slices.Equal(got, want) {
		t.Errorf("ProfileLogLines =\n%q\nwant\n%q", got, want)
	}
}

func TestProfileLogLinesBatchRun(t *testing.T) {
	p := demoProfile()
	lines := []string{
		`{"msg":"command started","command":"seal-batch","run_id":"b1"}`,
		`{"msg":"verification started","profile":"acme","tenant":"USG1008IT124S","run_id":"b1"}`,
		`{"msg":"verification started","profile":"globex","tenant":"GLX2000AB","run_id":"b1"}`,
		`{"msg":"check failed","profile":"globex","detail":"globex detail","run_id":"b1"}`,
	}
	want := []string{lines[0], lines[1]}
	if got := ProfileLogLines(lines, p, 100); !slices.Equal(got, want) {
		t.Errorf("ProfileLogLines =\n%q\nwant\n%q", got, want)
	}
}

func TestProfileLogLinesMax(t *testing.T) {
	p := demoProfile()
	lines := []string{`{"msg":"a","profile":"acme"}`, `{"msg":"b","profile":"acme"}`, `{"msg":"c","profile":"acme"}`}
	got := ProfileLogLines(lines, p, 2)
	if !slices.Equal(got, lines[1:]) {
		t.Errorf("ProfileLogLines = %q, want the last two", got)
	}
	if got := ProfileLogLines(nil, p, 2); got == nil || len(got) != 0 {
		t.Errorf("ProfileLogLines(nil) = %#v, want an empty slice", got)
	}
}
