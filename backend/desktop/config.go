// Package desktop is the service behind the desktop wizard. app.go binds
// its methods to the window; nothing here imports the Wails runtime, so
// every rule is covered by go test.
package desktop

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/ukglink/ukglink/backend/ukgsim"
	"github.com/ukglink/ukglink/backend/verify"
)

// DemoEnv turns on demo mode like "ukglink demo" does.
const DemoEnv = "UKGLINK_DEMO"

// ScenarioEnv picks the demo simulator's first scenario.
const ScenarioEnv = "UKGLINK_SCENARIO"

// ExportDirEnv makes exports skip the save dialog and write to this folder,
// for end-to-end tests that cannot click a native dialog. Only development
// builds read it, see testHooks.
const ExportDirEnv = "UKGLINK_TEST_EXPORT_DIR"

// OpenFilesEnv lists, separated like PATH, the files that the open dialog
// returns in turn, for end-to-end tests. Only development builds read it.
const OpenFilesEnv = "UKGLINK_TEST_OPEN_FILES"

// ConnectTimeoutEnv shortens the time a verification waits for each
// response (a Go duration such as "2s"), so that end-to-end tests reach a
// time-out quickly. Only development builds read it.
const ConnectTimeoutEnv = "UKGLINK_TEST_CONNECT_TIMEOUT"

// Config is how the window was started.
type Config struct {
	// Demo runs a built-in UKG simulator on loopback and seals bundles to a
	// demo key kept on this machine.
	Demo     bool
	Scenario string
	// Endpoint is a loopback simulator URL for tests; see verify.EndpointEnv.
	Endpoint string
	// ExportDir replaces the save dialog in tests; see ExportDirEnv.
	ExportDir string
	// OpenFiles replace the open dialog in tests; see OpenFilesEnv.
	OpenFiles []string
	// ConnectTimeout replaces verify.DefaultConnectTimeout in tests; see
	// ConnectTimeoutEnv.
	ConnectTimeout time.Duration
}

// ParseArgs reads the desktop arguments: nothing, or "demo" with an
// optional --scenario NAME. Arguments it does not know are returned in rest
// for the Wails development build, which parses -devserver and -assetdir.
func ParseArgs(args []string, getenv func(string) string) (Config, []string, error) {
	config := Config{
		Demo:     getenv(DemoEnv) == "1",
		Scenario: getenv(ScenarioEnv),
		Endpoint: getenv(verify.EndpointEnv),
	}
	if testHooks {
		if err := readTestHooks(&config, getenv); err != nil {
			return config, nil, err
		}
	}
	var rest []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "demo" && i == 0:
			config.Demo = true
		case arg == "--scenario" || arg == "-scenario":
			if i+1 >= len(args) {
				return config, nil, errors.New("--scenario needs a scenario name")
			}
			i++
			config.Scenario = args[i]
		case strings.HasPrefix(arg, "--scenario="):
			config.Scenario = strings.TrimPrefix(arg, "--scenario=")
		default:
			rest = append(rest, arg)
		}
	}
	if config.Scenario == "" {
		config.Scenario = "ok"
	}
	if config.Scenario != "ok" && !knownScenario(config.Scenario) {
		return config, nil, fmt.Errorf("unknown simulator scenario %q: run \"ukglink simulate --list\" for the names", config.Scenario)
	}
	if config.Endpoint != "" {
		if _, err := verify.CheckEndpoint(config.Endpoint); err != nil {
			return config, nil, fmt.Errorf("%s: %w", verify.EndpointEnv, err)
		}
	}
	return config, rest, nil
}

// readTestHooks sets the Config fields that replace native dialogs and
// time limits in end-to-end tests.
func readTestHooks(config *Config, getenv func(string) string) error {
	config.ExportDir = getenv(ExportDirEnv)
	if files := getenv(OpenFilesEnv); files != "" {
		config.OpenFiles = filepath.SplitList(files)
	}
	if value := getenv(ConnectTimeoutEnv); value != "" {
		timeout, err := time.ParseDuration(value)
		if err != nil || timeout <= 0 {
			return fmt.Errorf("%s: %q is not a positive duration such as 2s", ConnectTimeoutEnv, value)
		}
		config.ConnectTimeout = timeout
	}
	return nil
}

func knownScenario(name string) bool {
	for _, s := range ukgsim.Scenarios {
		if s.Name == name {
			return true
		}
	}
	return false
}
