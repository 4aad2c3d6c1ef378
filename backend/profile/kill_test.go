package profile

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/adrg/xdg"
)

// saveLoopEnv makes the test binary save drafts in a loop until killed.
const saveLoopEnv = "UKGLINK_TEST_SAVE_LOOP_DIR"

func TestMain(m *testing.M) {
	if dir := os.Getenv(saveLoopEnv); dir != "" {
		saveForever(dir)
	}
	os.Exit(m.Run())
}

// saveForever saves drafts of growing size into dir until the process is
// killed, so every kill lands at a random point of a save.
func saveForever(dir string) {
	store := &Store{Dir: dir}
	for i := 0; ; i++ {
		d := Draft{Profile: Profile{Name: "acme", Tenant: "USG1008IT124S", ClientID: strings.Repeat("x", i%5000)}, Step: strconv.Itoa(i)}
		if err := store.Save(d); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
}

func TestKilledSaveNeverCorruptsDraft(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process many times")
	}
	dir := t.TempDir()
	store := &Store{Dir: dir}
	if err := store.Save(Draft{Profile: Profile{Name: "acme"}, Step: "start"}); err != nil {
		t.Fatal(err)
	}
	const kills = 40
	for i := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), saveLoopEnv+"="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill at a different point each round, from 5 to 44 ms in.
		time.Sleep(time.Duration(5+i) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()

		d, err := store.Load("acme")
		if err != nil {
			t.Fatalf("kill %d: the draft does not load: %v", i, err)
		}
		if d.Profile.Name != "acme" || d.Step == "" {
			t.Fatalf("kill %d: the draft lost its values: %+v", i, d)
		}
		data, err := os.ReadFile(store.Path("acme"))
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(data) {
			t.Fatalf("kill %d: the draft file is not valid JSON", i)
		}
	}
}

func TestOpenStoreRemovesStaleTemps(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home)
	xdg.Reload()
	t.Cleanup(xdg.Reload)
	dir := filepath.Join(home, "ukglink", "profiles")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, ".acme.json.tmp-123")
	fresh := filepath.Join(dir, ".acme.json.tmp-456")
	for _, path := range []string{stale, fresh} {
		if err := os.WriteFile(path, []byte("{"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenStore(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("a stale temporary file was kept")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a fresh temporary file, perhaps a save in progress, was removed")
	}
}
