package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ukglink/ukglink/backend/snapshot"
	"github.com/ukglink/ukglink/backend/ukgsim"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"ukglink": func() {
			if len(os.Args) < 2 {
				fmt.Fprintln(os.Stderr, "ukglink: the test binary needs a command")
				os.Exit(ExitUsage)
			}
			os.Exit(Main(context.Background(), os.Args[1:], Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
		},
		// ukglink-keygen FILE writes a new age identity, like age-keygen -o FILE.
		"ukglink-keygen": func() {
			identity, err := age.GenerateX25519Identity()
			if err == nil {
				err = os.WriteFile(os.Args[1], []byte(identity.String()+"\n"), 0o600)
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			os.Exit(0)
		},
	})
}

// TestScripts runs the scripts in testdata/script. Each gets its own HOME
// and XDG folders, the "sim" command to start a UKG simulator on loopback
// and the "noleak" command to search files for a value.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			home := filepath.Join(env.WorkDir, "home")
			env.Setenv("HOME", home)
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
			env.Setenv("XDG_DATA_HOME", filepath.Join(home, "data"))
			env.Setenv("XDG_STATE_HOME", filepath.Join(home, "state"))
			env.Setenv("XDG_CACHE_HOME", filepath.Join(home, "cache"))
			env.Setenv("UKGLINK_UKG_ENDPOINT", "")
			// No session bus: the keychain reports it is unavailable.
			env.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(env.WorkDir, "no-bus"))
			env.Setenv("DEMO_CLIENT_ID", ukgsim.DemoClientID)
			env.Setenv("DEMO_TENANT", ukgsim.DemoTenant)
			env.Setenv("DEMO_SECRET", ukgsim.DemoClientSecret)
			return os.WriteFile(filepath.Join(env.WorkDir, "demo-secret.txt"), []byte(ukgsim.DemoClientSecret+"\n"), 0o600)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"sim":       cmdSim,
			"noleak":    cmdNoLeak,
			"exits":     cmdExits,
			"simreplay": cmdSimReplay,
			"convert":   cmdConvert,
			"waitaddr":  cmdWaitAddr,
		},
	})
}

// cmdSim starts a simulator: sim VAR SCENARIO [WITHHELD_SCOPE...]. Its URL
// goes into the environment variable VAR. It accepts the demo client secret,
// or $SIM_SECRET when that is set.
func cmdSim(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: sim VAR SCENARIO [WITHHELD_SCOPE...]")
	}
	config := ukgsim.Config{Scenario: args[1], ClientSecret: ts.Getenv("SIM_SECRET")}
	if len(args) > 2 {
		config.Withheld = args[2:]
	}
	server, err := ukgsim.New(config)
	ts.Check(err)
	httpServer := httptest.NewServer(server)
	ts.Defer(httpServer.Close)
	ts.Setenv(args[0], httpServer.URL)
}

// cmdNoLeak fails if VALUE occurs in a file under any PATH, raw,
// JSON-escaped (also a second time, as a JSON log line inside a snapshot),
// URL-encoded or base64: noleak VALUE PATH..., or noleak -f FILE PATH... to
// take VALUE from FILE without its final line break.
func cmdNoLeak(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || args[0] == "-f" && len(args) < 3 {
		ts.Fatalf("usage: noleak VALUE PATH... | noleak -f FILE PATH...")
	}
	value, roots := args[0], args[1:]
	if value == "-f" {
		value, roots = strings.TrimSuffix(ts.ReadFile(args[1]), "\n"), args[2:]
	}
	needles := leakForms(value)
	for _, root := range roots {
		root = ts.MkAbs(root)
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for name, needle := range needles {
				if bytes.Contains(data, []byte(needle)) {
					ts.Fatalf("%s contains the value (%s)", path, name)
				}
			}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			ts.Fatalf("search %s: %v", root, err)
		}
	}
}

// leakForms returns the forms of value that noleak searches for, by name.
func leakForms(value string) map[string]string {
	escape := func(v string, escapeHTML bool) string {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(escapeHTML)
		_ = enc.Encode(v)
		quoted := strings.TrimSpace(b.String())
		return quoted[1 : len(quoted)-1]
	}
	logged := escape(value, false)
	return map[string]string{
		"raw":                  value,
		"JSON-escaped":         escape(value, true),
		"as logged":            logged,
		"logged, then escaped": escape(logged, true),
		"query-escaped":        url.QueryEscape(value),
		"path-escaped":         url.PathEscape(value),
		"base64":               base64.StdEncoding.EncodeToString([]byte(value)),
		"base64 URL":           base64.URLEncoding.EncodeToString([]byte(value)),
		"base64 raw":           base64.RawStdEncoding.EncodeToString([]byte(value)),
		"base64 raw URL":       base64.RawURLEncoding.EncodeToString([]byte(value)),
	}
}

// cmdExits runs a program and checks its exit code: exits CODE PROGRAM ARGS...
// Its output can be checked with stdout and stderr afterwards.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			ts.Fatalf("run %s: %v", args[1], err)
		}
		got = exitErr.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// cmdSimReplay starts a simulator that replays a snapshot or report file:
// simreplay VAR FILE. Its URL goes into the environment variable VAR.
func cmdSimReplay(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: simreplay VAR FILE")
	}
	file, err := os.Open(ts.MkAbs(args[1]))
	ts.Check(err)
	defer file.Close()
	snap, err := snapshot.Read(file)
	ts.Check(err)
	config, err := snapshot.ReplayConfig(snap)
	ts.Check(err)
	server, err := ukgsim.New(config)
	ts.Check(err)
	httpServer := httptest.NewServer(server)
	ts.Defer(httpServer.Close)
	ts.Setenv(args[0], httpServer.URL)
}

// cmdConvert rewrites a file in place: convert crlf|bom|armor|cut FILE.
// crlf ends every line with CR LF and bom puts a UTF-8 byte order mark in
// front. armor wraps the file in age's ASCII armor, and cut removes its
// last 10 bytes.
func cmdConvert(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: convert crlf|bom|armor|cut FILE")
	}
	path := ts.MkAbs(args[1])
	data, err := os.ReadFile(path)
	ts.Check(err)
	switch args[0] {
	case "crlf":
		data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
	case "bom":
		data = append([]byte("\ufeff"), data...)
	case "armor":
		var armored bytes.Buffer
		w := armor.NewWriter(&armored)
		_, err := w.Write(data)
		ts.Check(err)
		ts.Check(w.Close())
		data = armored.Bytes()
	case "cut":
		data = data[:max(0, len(data)-10)]
	default:
		ts.Fatalf("unknown conversion %q", args[0])
	}
	ts.Check(os.WriteFile(path, data, 0o600))
}

// cmdWaitAddr waits up to 10 seconds for FILE to contain the address that
// "ukglink simulate" prints, and puts it in the environment variable VAR:
// waitaddr VAR FILE.
func cmdWaitAddr(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: waitaddr VAR FILE")
	}
	path := ts.MkAbs(args[1])
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		data, _ := os.ReadFile(path)
		if m := endpointPattern.FindSubmatch(data); m != nil {
			ts.Setenv(args[0], string(m[1]))
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	data, _ := os.ReadFile(path)
	ts.Fatalf("no address in %s after 10s: %q", args[1], data)
}
