package cli

import (
	"bytes"
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adrg/xdg"
	"github.com/zalando/go-keyring"

	"github.com/ukglink/ukglink/backend/ukgsim"
)

// runInProcess runs one command in this process, with an in-memory
// keychain shared across calls, and returns its exit code and output.
func runInProcess(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, Streams{In: strings.NewReader(stdin), Out: &out, Err: &errOut})
	return code, out.String(), errOut.String()
}

func isolateXDG(t *testing.T) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"} {
		t.Setenv(v, filepath.Join(home, strings.ToLower(v)))
	}
	t.Setenv("UKGLINK_UKG_ENDPOINT", "")
	xdg.Reload()
	t.Cleanup(xdg.Reload)
}

func TestProfileSecretFromKeychain(t *testing.T) {
	isolateXDG(t)
	keyring.MockInit()
	server, err := ukgsim.New(ukgsim.Config{Scenario: "ok"})
	if err != nil {
		t.Fatal(err)
	}
	sim := httptest.NewServer(server)
	defer sim.Close()

	code, _, stderr := runInProcess(t, ukgsim.DemoClientSecret+"\n", "profiles", "save", "demo",
		"--subdomain", "servicet", "--tenant", ukgsim.DemoTenant, "--client-id", ukgsim.DemoClientID,
		"--client-secret-file", "-")
	if code != ExitOK {
		t.Fatalf("profiles save exited %d: %s", code, stderr)
	}
	stored, err := keyring.Get("ukglink", "demo")
	if err != nil {
		t.Fatalf("keychain has no entry: %v", err)
	}
	if stored != ukgsim.DemoClientSecret {
		t.Error("keychain holds another value than the trimmed secret")
	}

	// No secret flag and no standard input: the keychain entry is used.
	code, stdout, stderr := runInProcess(t, "", "verify", "--profile", "demo", "--ukg-endpoint", sim.URL, "--json")
	if code != ExitOK {
		t.Fatalf("verify exited %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, `"status": "verified"`) {
		t.Errorf("verify output lacks verified: %s", stdout)
	}

	code, _, stderr = runInProcess(t, "", "profiles", "delete", "demo")
	if code != ExitOK {
		t.Fatalf("profiles delete exited %d: %s", code, stderr)
	}
	if _, err := keyring.Get("ukglink", "demo"); err != keyring.ErrNotFound {
		t.Errorf("keychain entry still there after delete: %v", err)
	}
}

func TestVerifyWithoutSecretSource(t *testing.T) {
	isolateXDG(t)
	keyring.MockInit()
	// A nil reader is what a terminal without piped input looks like here.
	var out, errOut bytes.Buffer
	code := Main(context.Background(), []string{"verify", "--subdomain", "servicet", "--tenant", "USG1008IT124S",
		"--client-id", "abc"}, Streams{In: nil, Out: &out, Err: &errOut})
	if code != ExitUsage {
		t.Errorf("exit code = %d, want %d", code, ExitUsage)
	}
	if !strings.Contains(errOut.String(), "no client secret given") {
		t.Errorf("stderr = %q, want it to say no secret was given", errOut.String())
	}
}
