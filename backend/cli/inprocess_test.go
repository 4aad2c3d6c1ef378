package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

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
	simURL := startOKSimulator(t)

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
	code, stdout, stderr := runInProcess(t, "", "verify", "--profile", "demo", "--ukg-endpoint", simURL, "--json")
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

func TestImportThenVerify(t *testing.T) {
	isolateXDG(t)
	keyring.MockInit()
	simURL := startOKSimulator(t)
	dir := t.TempDir()
	bundlePath := filepath.Join(dir, "customer.age")

	code, _, stderr := runInProcess(t, ukgsim.DemoClientSecret, "seal", "--subdomain", "servicet",
		"--tenant", ukgsim.DemoTenant, "--client-id", ukgsim.DemoClientID, "--client-secret-file", "-",
		"--ukg-endpoint", simURL, "--demo-key", "-o", bundlePath)
	if code != ExitOK {
		t.Fatalf("seal exited %d: %s", code, stderr)
	}
	identity := filepath.Join(xdg.DataHome, "ukglink", "demo-identity.txt")
	code, stdout, stderr := runInProcess(t, "", "import", "-i", identity, "--name", "customer", bundlePath)
	if code != ExitOK {
		t.Fatalf("import exited %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Imported profile customer") {
		t.Errorf("import output = %q", stdout)
	}
	if stored, err := keyring.Get("ukglink", "customer"); err != nil || stored != ukgsim.DemoClientSecret {
		t.Errorf("keychain entry after import: err %v, equal %v", err, stored == ukgsim.DemoClientSecret)
	}

	code, stdout, stderr = runInProcess(t, "", "verify", "--profile", "customer", "--ukg-endpoint", simURL, "--json")
	if code != ExitOK {
		t.Fatalf("verify of the imported profile exited %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, `"status": "verified"`) {
		t.Errorf("verify output lacks verified: %s", stdout)
	}

	// A second import of the same name needs --force.
	code, _, stderr = runInProcess(t, "", "import", "-i", identity, "--name", "customer", bundlePath)
	if code != ExitUsage || !strings.Contains(stderr, "exists already") {
		t.Errorf("second import: exit %d, stderr %q", code, stderr)
	}
}

// lockedBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestSimulateReplayFlag(t *testing.T) {
	isolateXDG(t)
	report := `{"status":"failed","endpoints":{"api_base_url":"https://servicet.ultipro.com/talent/recruiting/v2/USG1008IT124S/api"},` +
		`"checks":[{"name":"token","method":"POST","http_status":401,"content_type":"application/json","status":"failed","problem":"invalid_client"}],` +
		`"granted_scopes":[],"missing_scopes":[],"problems":[{"code":"invalid_client"}]}`
	reportPath := filepath.Join(t.TempDir(), "report.json")
	if err := os.WriteFile(reportPath, []byte(report), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &lockedBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"simulate", "--listen", "127.0.0.1:0", "--replay", reportPath},
			Streams{In: strings.NewReader(""), Out: out, Err: io.Discard})
	}()
	endpoint := waitForEndpoint(t, out)

	code, stdout, stderr := runInProcess(t, "any-secret", "verify", "--subdomain", "servicet",
		"--tenant", "USG1008IT124S", "--client-id", "abc", "--client-secret-file", "-", "--ukg-endpoint", endpoint, "--json")
	if code != ExitFailed {
		t.Fatalf("verify exited %d, want %d: %s", code, ExitFailed, stderr)
	}
	if !strings.Contains(stdout, `"code": "invalid_client"`) {
		t.Errorf("replayed verification lacks invalid_client: %s", stdout)
	}
	cancel()
	if code := <-done; code != ExitOK {
		t.Errorf("simulate exited %d after cancel", code)
	}
}

var endpointPattern = regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`)

func waitForEndpoint(t *testing.T, out *lockedBuffer) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := endpointPattern.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("simulator did not start: %q", out.String())
	return ""
}

func TestDeleteKeepsDraftWhenKeychainFails(t *testing.T) {
	isolateXDG(t)
	keyring.MockInit()
	code, _, stderr := runInProcess(t, "Delete/Test+Secret=1234567\n", "profiles", "save", "acme",
		"--subdomain", "servicet", "--tenant", ukgsim.DemoTenant, "--client-id", "acme-client",
		"--client-secret-file", "-")
	if code != ExitOK {
		t.Fatalf("profiles save exited %d: %s", code, stderr)
	}

	keyring.MockInitWithError(errors.New("The name org.freedesktop.secrets was not provided by any .service files"))
	code, _, stderr = runInProcess(t, "", "profiles", "delete", "acme")
	if code != ExitFailure {
		t.Errorf("delete without keychain exited %d, want %d", code, ExitFailure)
	}
	if !strings.Contains(stderr, "profile acme was not deleted") {
		t.Errorf("stderr = %q, want it to say the profile was kept", stderr)
	}
	if !strings.Contains(stderr, "hint: when the keychain works again, run: ukglink profiles delete acme") {
		t.Errorf("stderr = %q, want the command to run again", stderr)
	}
	if code, _, _ := runInProcess(t, "", "profiles", "show", "acme"); code != ExitOK {
		t.Errorf("draft is gone after a failed keychain delete: show exited %d", code)
	}

	// The keychain works again: the kept draft leads the delete to the entry.
	keyring.MockInit()
	if err := keyring.Set("ukglink", "acme", "Delete/Test+Secret=1234567"); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runInProcess(t, "", "profiles", "delete", "acme")
	if code != ExitOK {
		t.Fatalf("second delete exited %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Deleted profile acme") {
		t.Errorf("stdout = %q", stdout)
	}
	if _, err := keyring.Get("ukglink", "acme"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("keychain entry after delete: %v", err)
	}
}

func TestDeleteEntryWithoutDraft(t *testing.T) {
	isolateXDG(t)
	keyring.MockInit()
	if err := keyring.Set("ukglink", "orphan", "Orphan/Secret+Value=123456"); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runInProcess(t, "", "profiles", "delete", "orphan")
	if code != ExitOK {
		t.Fatalf("delete exited %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Deleted the keychain entry of orphan") {
		t.Errorf("stdout = %q", stdout)
	}
	if _, err := keyring.Get("ukglink", "orphan"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("keychain entry after delete: %v", err)
	}

	code, _, stderr = runInProcess(t, "", "profiles", "delete", "orphan")
	if code != ExitUsage {
		t.Errorf("delete of an unknown name exited %d, want %d", code, ExitUsage)
	}
	if !strings.Contains(stderr, "no saved profile named orphan") {
		t.Errorf("stderr = %q", stderr)
	}
}

func TestCheckSecretWithoutInput(t *testing.T) {
	isolateXDG(t)
	// A nil reader is what a terminal without piped input looks like here.
	var out, errOut bytes.Buffer
	code := Main(context.Background(), []string{"check", "client-secret"}, Streams{In: nil, Out: &out, Err: &errOut})
	if code != ExitUsage {
		t.Errorf("exit code = %d, want %d", code, ExitUsage)
	}
	if !strings.Contains(errOut.String(), "check needs a field name and a value") {
		t.Errorf("stderr = %q", errOut.String())
	}
}

func TestPipedSecretSkipsKeychain(t *testing.T) {
	isolateXDG(t)
	keyring.MockInit()
	simURL := startOKSimulator(t)
	code, _, stderr := runInProcess(t, ukgsim.DemoClientSecret+"\n", "profiles", "save", "demo",
		"--subdomain", "servicet", "--tenant", ukgsim.DemoTenant, "--client-id", ukgsim.DemoClientID)
	if code != ExitOK {
		t.Fatalf("profiles save with piped secret exited %d: %s", code, stderr)
	}
	if stored, err := keyring.Get("ukglink", "demo"); err != nil || stored != ukgsim.DemoClientSecret {
		t.Fatalf("piped secret not saved in the keychain: err %v, equal %v", err, stored == ukgsim.DemoClientSecret)
	}

	// The keychain stops working: a piped secret or a file still verifies.
	keyring.MockInitWithError(errors.New("The name org.freedesktop.secrets was not provided by any .service files"))
	code, stdout, stderr := runInProcess(t, ukgsim.DemoClientSecret+"\n", "verify", "--profile", "demo",
		"--ukg-endpoint", simURL, "--json")
	if code != ExitOK {
		t.Fatalf("verify with piped secret exited %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, `"status": "verified"`) {
		t.Errorf("verify output lacks verified: %s", stdout)
	}
	secretFile := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(secretFile, []byte(ukgsim.DemoClientSecret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runInProcess(t, "", "verify", "--profile", "demo", "--client-secret-file", secretFile,
		"--ukg-endpoint", simURL, "--json")
	if code != ExitOK {
		t.Fatalf("verify with --client-secret-file exited %d: %s", code, stderr)
	}

	// Nothing given: the keychain is read, and its failure is reported.
	code, _, stderr = runInProcess(t, "", "verify", "--profile", "demo", "--ukg-endpoint", simURL, "--json")
	if code != ExitFailure {
		t.Errorf("verify without secret or keychain exited %d, want %d", code, ExitFailure)
	}
	if !strings.Contains(stderr, "hint: No Secret Service is running") {
		t.Errorf("stderr = %q, want the keychain hint", stderr)
	}
}

func TestSnapshotScrubsKeychainSecret(t *testing.T) {
	isolateXDG(t)
	keyring.MockInit()
	const special = `Kc9/Snap+"Shot"=<&>%41\ü==`
	code, _, stderr := runInProcess(t, special+"\n", "profiles", "save", "acme",
		"--subdomain", "servicet", "--tenant", ukgsim.DemoTenant, "--client-id", "acme-client")
	if code != ExitOK {
		t.Fatalf("profiles save exited %d: %s", code, stderr)
	}
	// A log line that an older version wrote with the secret in it.
	logPath := filepath.Join(xdg.StateHome, "ukglink", "ukglink.log.1")
	line, err := json.Marshal(map[string]string{"msg": "old", "profile": "acme", "error": "open " + special})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(logPath, append(line, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}

	out := filepath.Join(t.TempDir(), "acme.json")
	code, _, stderr = runInProcess(t, "", "snapshot", "--profile", "acme", "-o", out)
	if code != ExitOK {
		t.Fatalf("snapshot exited %d: %s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(`open [redacted]`)) {
		t.Errorf("snapshot lacks the redacted old log line:\n%s", data)
	}
	if bytes.Contains(data, []byte("Snap+")) {
		t.Errorf("snapshot contains the keychain secret:\n%s", data)
	}
}

func TestSealBatchCreatesPrivateFolder(t *testing.T) {
	isolateXDG(t)
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "profiles.csv")
	secretsPath := filepath.Join(dir, "secrets.csv")
	if err := os.WriteFile(csvPath, []byte("name,subdomain,tenant,client_id\nacme,servicet,ACM1008IT124S,acme-client\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(secretsPath, []byte("acme,Acme/Batch+Secret==\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "new", "bundles")
	code, _, stderr := runInProcess(t, "", "seal-batch", "--csv", csvPath, "--secrets", secretsPath,
		"--no-verify", "--demo-key", "-o", out)
	if code != ExitOK {
		t.Fatalf("seal-batch exited %d: %s", code, stderr)
	}
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o700 {
		t.Errorf("folder mode = %v, want 0700", info.Mode().Perm())
	}
}

// startOKSimulator serves the simulator's all-granted scenario on loopback
// until the test ends and returns its URL.
func startOKSimulator(t *testing.T) string {
	t.Helper()
	server, err := ukgsim.New(ukgsim.Config{Scenario: "ok"})
	if err != nil {
		t.Fatal(err)
	}
	sim := httptest.NewServer(server)
	t.Cleanup(sim.Close)
	return sim.URL
}
