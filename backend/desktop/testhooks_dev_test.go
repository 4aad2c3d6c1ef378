//go:build dev

package desktop

import (
	"testing"
	"time"
)

func TestParseArgsReadsTestHooks(t *testing.T) {
	getenv := func(name string) string {
		return map[string]string{ExportDirEnv: "/tmp/exports", ConnectTimeoutEnv: "2s"}[name]
	}
	config, _, err := ParseArgs(nil, getenv)
	if err != nil {
		t.Fatal(err)
	}
	if config.ExportDir != "/tmp/exports" {
		t.Errorf("ExportDir = %q, want /tmp/exports", config.ExportDir)
	}
	if config.ConnectTimeout != 2*time.Second {
		t.Errorf("ConnectTimeout = %v, want 2s", config.ConnectTimeout)
	}
}

func TestParseArgsRejectsBadConnectTimeout(t *testing.T) {
	getenv := func(name string) string {
		return map[string]string{ConnectTimeoutEnv: "soon"}[name]
	}
	if _, _, err := ParseArgs(nil, getenv); err == nil {
		t.Error("an unparsable timeout was accepted")
	}
}
