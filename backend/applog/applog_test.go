package applog

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/adrg/xdg"

	"github.com/ukglink/ukglink/backend/secret"
)

// testSecret is a value that must never reach the log file.
const testSecret = "ab/cd+ef$gh%20=="

func useTempState(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_STATE_HOME", dir)
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	return dir
}

func openTemp(t *testing.T) *slog.Logger {
	t.Helper()
	useTempState(t)
	logger, closer, err := Open()
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { closer.Close() })
	return logger
}

func readLog(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(Path())
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// groupValuer is a LogValuer that returns a group with a secret inside.
type groupValuer struct{}

func (groupValuer) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("host", "signin.ultipro.com"),
		slog.String("client_secret", testSecret),
	)
}

func TestOpenPathAndModes(t *testing.T) {
	state := useTempState(t)
	logger, closer, err := Open()
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer closer.Close()
	logger.Info("started")

	want := filepath.Join(state, "ukglink", "ukglink.log")
	if Path() != want {
		t.Errorf("Path() = %s, want %s", Path(), want)
	}
	if runtime.GOOS == "windows" {
		return
	}
	for path, mode := range map[string]os.FileMode{want: 0o600, filepath.Dir(want): 0o700} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != mode {
			t.Errorf("mode of %s = %v, want %v", path, info.Mode().Perm(), mode)
		}
	}
}

func TestRedactsSecrets(t *testing.T) {
	s := secret.New(testSecret)
	cases := []struct {
		name string
		log  func(l *slog.Logger)
	}{
		{"client_secret key", func(l *slog.Logger) { l.Info("m", "client_secret", testSecret) }},
		{"Password key", func(l *slog.Logger) { l.Info("m", "Password", testSecret) }},
		{"access_token key", func(l *slog.Logger) { l.Info("m", "access_token", testSecret) }},
		{"Authorization key", func(l *slog.Logger) { l.Info("m", "Authorization", "Bearer "+testSecret) }},
		{"BEARER key", func(l *slog.Logger) { l.Info("m", "BEARER", testSecret) }},
		{"credential key", func(l *slog.Logger) { l.Info("m", "user_credential", []string{testSecret}) }},
		{"Secret value", func(l *slog.Logger) { l.Info("m", "value", s) }},
		{"Secret pointer", func(l *slog.Logger) { l.Info("m", "value", &s) }},
		{"Secret in group", func(l *slog.Logger) {
			l.Info("m", slog.Group("request", slog.String("tenant", "USG1008IT124S"), slog.Any("value", s)))
		}},
		{"key in nested group", func(l *slog.Logger) {
			l.Info("m", slog.Group("a", slog.Group("b", slog.String("refresh_token", testSecret))))
		}},
		{"sensitive group name", func(l *slog.Logger) {
			l.Info("m", slog.Group("credentials", slog.String("id", testSecret)))
		}},
		{"WithAttrs", func(l *slog.Logger) { l.With("clientSecret", testSecret).Info("m") }},
		{"WithGroup", func(l *slog.Logger) { l.WithGroup("verify").Info("m", "token", testSecret) }},
		{"WithGroup and Secret", func(l *slog.Logger) { l.WithGroup("verify").With("value", s).Info("m") }},
		{"LogValuer group", func(l *slog.Logger) { l.Info("m", "request", groupValuer{}) }},
		{"struct with Secret", func(l *slog.Logger) {
			l.Info("m", "request", struct{ Value secret.Secret }{s})
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			logger := openTemp(t)
			tc.log(logger)
			out := readLog(t)

			if strings.Contains(out, testSecret) {
				t.Errorf("log contains the secret: %s", out)
			}
			if !strings.Contains(out, secret.Redacted) {
				t.Errorf("log has no %s marker: %s", secret.Redacted, out)
			}
			var record map[string]any
			if err := json.Unmarshal([]byte(out), &record); err != nil {
				t.Errorf("log line is not JSON: %v: %s", err, out)
			}
		})
	}
}

func TestKeepsOtherAttrs(t *testing.T) {
	logger := openTemp(t)
	logger.Info("verify started", "tenant", "USG1008IT124S", "secret_stored", true,
		slog.Group("endpoint", slog.String("host", "servicet.ultipro.com")))

	var record struct {
		Msg          string `json:"msg"`
		Tenant       string `json:"tenant"`
		SecretStored string `json:"secret_stored"`
		Endpoint     struct {
			Host string `json:"host"`
		} `json:"endpoint"`
	}
	if err := json.Unmarshal([]byte(readLog(t)), &record); err != nil {
		t.Fatal(err)
	}
	if record.Msg != "verify started" || record.Tenant != "USG1008IT124S" {
		t.Errorf("msg, tenant = %q, %q, want them unchanged", record.Msg, record.Tenant)
	}
	if record.Endpoint.Host != "servicet.ultipro.com" {
		t.Errorf("endpoint.host = %q, want servicet.ultipro.com", record.Endpoint.Host)
	}
	if record.SecretStored != secret.Redacted {
		t.Errorf("secret_stored = %q, want %s: the key contains secret", record.SecretStored, secret.Redacted)
	}
}

func TestRotation(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ukglink.log")
	logger, closer, err := open(path, 1024)
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()

	for i := range 100 {
		logger.Info("record", "seq", i, "client_secret", testSecret)
	}

	for _, p := range []string{path, path + ".1"} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatalf("stat %s: %v", p, err)
		}
		if info.Size() > 1024 {
			t.Errorf("%s is %d bytes, over the 1024-byte cap", p, info.Size())
		}
	}
	if _, err := os.Stat(path + ".2"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stat %s.2: %v, want no second rotation file", path, err)
	}

	lines, err := recentLines(path, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 3 {
		t.Fatalf("recentLines(3) returned %d lines", len(lines))
	}
	for i, line := range lines {
		want := fmt.Sprintf(`"seq":%d`, 97+i)
		if !strings.Contains(line, want) {
			t.Errorf("line %d = %s, want %s", i, line, want)
		}
		if strings.Contains(line, testSecret) {
			t.Errorf("line %d contains the secret", i)
		}
	}
}

func TestRecentLinesAcrossRotation(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ukglink.log")
	if err := os.WriteFile(path+".1", []byte("a\nb\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("c\nd\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		n    int
		want string
	}{
		{0, ""},
		{1, "d"},
		{3, "b,c,d"},
		{10, "a,b,c,d"},
	}
	for _, tc := range cases {
		lines, err := recentLines(path, tc.n)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(lines, ","); got != tc.want {
			t.Errorf("recentLines(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestRecentLinesNoLog(t *testing.T) {
	useTempState(t)
	lines, err := RecentLines(5)
	if err != nil {
		t.Fatalf("RecentLines: %v", err)
	}
	if lines == nil || len(lines) != 0 {
		t.Errorf("RecentLines = %#v, want an empty, non-nil list", lines)
	}
}

func TestReopenAppends(t *testing.T) {
	useTempState(t)
	for _, msg := range []string{"first run", "second run"} {
		logger, closer, err := Open()
		if err != nil {
			t.Fatal(err)
		}
		logger.Info(msg)
		if err := closer.Close(); err != nil {
			t.Fatal(err)
		}
	}
	lines, err := RecentLines(10)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 2 || !strings.Contains(lines[0], "first run") || !strings.Contains(lines[1], "second run") {
		t.Errorf("lines = %q, want both runs in order", lines)
	}
}

func TestWriteAfterClose(t *testing.T) {
	w, err := openRotating(filepath.Join(t.TempDir(), "ukglink.log"), 1024)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("late\n")); !errors.Is(err, os.ErrClosed) {
		t.Errorf("Write after Close: error = %v, want os.ErrClosed", err)
	}
}
