//go:build !dev

package desktop

import "testing"

func TestParseArgsIgnoresTestHooks(t *testing.T) {
	getenv := func(name string) string {
		return map[string]string{
			ExportDirEnv:      "/tmp/exports",
			OpenFilesEnv:      "/tmp/a.json",
			ConnectTimeoutEnv: "2s",
		}[name]
	}
	config, _, err := ParseArgs(nil, getenv)
	if err != nil {
		t.Fatal(err)
	}
	if config.ExportDir != "" {
		t.Errorf("ExportDir = %q, want it ignored outside dev builds", config.ExportDir)
	}
	if config.OpenFiles != nil {
		t.Errorf("OpenFiles = %q, want it ignored outside dev builds", config.OpenFiles)
	}
	if config.ConnectTimeout != 0 {
		t.Errorf("ConnectTimeout = %v, want it ignored outside dev builds", config.ConnectTimeout)
	}
}
