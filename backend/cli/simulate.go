package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/ukglink/ukglink/backend/snapshot"
	"github.com/ukglink/ukglink/backend/ukg"
	"github.com/ukglink/ukglink/backend/ukgsim"
	"github.com/ukglink/ukglink/backend/verify"
)

const simulateUsage = "--listen 127.0.0.1:PORT [--scenario NAME | --replay SNAPSHOT_OR_REPORT] [--withhold SCOPE[,SCOPE]] " +
	"[--tenant T] [--client-id ID] [--client-secret-file FILE] [--latency DURATION] | --list"

// simulateFlags are the flags of "ukglink simulate".
type simulateFlags struct {
	listen, scenario, replay string
	latency                  time.Duration
	list                     bool
	withhold                 string
	tenant, clientID         string
	secretFile               string
}

func runSimulate(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "simulate", simulateUsage)
	var sf simulateFlags
	fs.StringVar(&sf.listen, "listen", "127.0.0.1:8443", "loopback `ADDRESS` to listen on (port 0 picks a free port)")
	fs.StringVar(&sf.scenario, "scenario", "ok", "simulator scenario `NAME` (see --list)")
	fs.DurationVar(&sf.latency, "latency", 0, "delay added to every response, e.g. 150ms")
	fs.BoolVar(&sf.list, "list", false, "print the scenarios and exit")
	fs.StringVar(&sf.replay, "replay", "", "respond like the UKG recorded in a support snapshot or verify --json report `FILE`")
	fs.StringVar(&sf.withhold, "withhold", "", "comma-separated required `SCOPES` that the token leaves out, "+
		"with --scenario missing-scopes (the default then) or invalid-scope; without it they leave out the four import scopes")
	fs.StringVar(&sf.tenant, "tenant", "", "tenant alias the simulator serves (default "+ukgsim.DemoTenant+")")
	fs.StringVar(&sf.clientID, "client-id", "", "client ID the simulator accepts (default "+ukgsim.DemoClientID+")")
	fs.StringVar(&sf.secretFile, "client-secret-file", "", "accept the client secret in `FILE` (\"-\" for standard input) "+
		"instead of the demo secret; never give a secret on the command line")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if sf.list {
		printScenarios(e)
		return nil
	}
	listenAddr, err := ukgsim.LoopbackListenAddr(sf.listen)
	if err != nil {
		return usageError(err, "the simulator only listens on loopback, e.g. --listen 127.0.0.1:8443")
	}
	config, err := simulatorConfig(e, fs, &sf)
	if err != nil {
		return err
	}
	config.Latency, config.Logger = sf.latency, e.log
	server, err := ukgsim.New(config)
	if err != nil {
		return usageError(err, "list the scenarios: ukglink simulate --list")
	}
	listener, err := net.Listen("tcp", listenAddr)
	if err != nil {
		return failure(fmt.Errorf("listen on %s: %w", listenAddr, err))
	}
	endpoint := "http://" + listener.Addr().String()
	printSimulatorStart(e, config, sf, endpoint)
	e.log.Info("simulator started", "address", endpoint, "scenario", sf.scenario, "tenant", config.Tenant,
		"withheld", len(config.Withheld), "own_secret", sf.secretFile != "")

	httpServer := &http.Server{Handler: server, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- httpServer.Serve(listener) }()
	select {
	case err := <-served:
		return failure(fmt.Errorf("simulator stopped: %w", err))
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = httpServer.Shutdown(shutdown)
	e.log.Info("simulator stopped", "address", endpoint)
	return nil
}

func printScenarios(e *env) {
	for _, s := range ukgsim.Scenarios {
		description := s.Description
		if s.Name == "replay" {
			// The package describes its Config field; here the flag starts it.
			description = "Responds like a recorded verification, whatever the credentials. Start it with --replay SNAPSHOT."
		}
		fmt.Fprintf(e.Out, "%-20s %s\n", s.Name, description)
	}
}

// simulatorConfig builds the simulator configuration from the flags. It
// may change sf.scenario, which the start message shows.
func simulatorConfig(e *env, fs *flag.FlagSet, sf *simulateFlags) (ukgsim.Config, error) {
	if sf.replay != "" {
		if sf.withhold != "" || sf.tenant != "" || sf.clientID != "" || sf.secretFile != "" {
			return ukgsim.Config{}, usageError(errors.New("--replay takes its tenant and scopes from the recording"),
				"leave out --withhold, --tenant, --client-id and --client-secret-file with --replay")
		}
		snap, err := loadReplay(sf.replay)
		if err != nil {
			return ukgsim.Config{}, err
		}
		config, err := snapshot.ReplayConfig(snap)
		if err != nil {
			return ukgsim.Config{}, usageError(err)
		}
		sf.scenario = "replay of " + sf.replay
		return config, nil
	}

	config := ukgsim.Config{Scenario: sf.scenario}
	if sf.withhold != "" {
		withheld, err := parseScopeList(sf.withhold)
		if err != nil {
			return config, err
		}
		config.Withheld = withheld
		if !flagGiven(fs, "scenario") {
			sf.scenario, config.Scenario = "missing-scopes", "missing-scopes"
		}
		if config.Scenario != "missing-scopes" && config.Scenario != "invalid-scope" {
			return config, usageError(fmt.Errorf("--withhold has no effect with --scenario %s", config.Scenario),
				"use it with --scenario missing-scopes or invalid-scope")
		}
	}
	if err := simulatorCredentials(e, sf, &config); err != nil {
		return config, err
	}
	return config, nil
}

// simulatorCredentials sets the tenant, client ID and client secret that
// the simulator accepts from the flags, parsed like the profile flags.
func simulatorCredentials(e *env, sf *simulateFlags, config *ukgsim.Config) error {
	if sf.tenant != "" {
		tenant, err := ukg.ParseTenant(sf.tenant)
		if err != nil {
			return fieldError(err)
		}
		config.Tenant = tenant.Value
	}
	if sf.clientID != "" {
		clientID, err := ukg.ParseClientID(sf.clientID)
		if err != nil {
			return fieldError(err)
		}
		config.ClientID = clientID.Value
	}
	if sf.secretFile != "" {
		flags := &profileFlags{secretFile: sf.secretFile}
		s, _, err := flags.givenSecret(e, config.ClientID)
		if err != nil {
			return err
		}
		config.ClientSecret = s.Reveal()
	}
	return nil
}

// parseScopeList splits a comma-separated list of required scopes.
func parseScopeList(list string) ([]string, error) {
	required := ukg.RequiredScopeNames()
	var scopes []string
	for _, scope := range strings.Split(list, ",") {
		scope = strings.TrimSpace(scope)
		if !slices.Contains(required, scope) {
			return nil, usageError(fmt.Errorf("--withhold: %q is not a required scope", scope),
				"the required scopes are: "+strings.Join(required, ", "))
		}
		scopes = append(scopes, scope)
	}
	return scopes, nil
}

// flagGiven reports whether the flag name was set on the command line.
func flagGiven(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// printSimulatorStart prints the address and the values to verify with.
// A client secret from a file is never printed.
func printSimulatorStart(e *env, config ukgsim.Config, sf simulateFlags, endpoint string) {
	fmt.Fprintf(e.Out, "UKG simulator listening on %s (scenario %s)\n", endpoint, sf.scenario)
	if config.Replay != nil {
		fmt.Fprintf(e.Out, "replaying for tenant %s: any client ID and secret are accepted\n", config.Tenant)
		fmt.Fprintf(e.Out, "try: ukglink verify --profile NAME --ukg-endpoint %s, or start the app with %s=%s\n", endpoint, verify.EndpointEnv, endpoint)
		return
	}
	tenant, clientID := valueOr(config.Tenant, ukgsim.DemoTenant), valueOr(config.ClientID, ukgsim.DemoClientID)
	if sf.secretFile != "" {
		fmt.Fprintf(e.Out, "accepts: --tenant %s --client-id %s, and the client secret from --client-secret-file\n", tenant, clientID)
		fmt.Fprintf(e.Out, "try: ukglink verify --subdomain servicet --tenant %s --client-id %s --client-secret-file FILE --ukg-endpoint %s\n",
			tenant, clientID, endpoint)
		return
	}
	fmt.Fprintf(e.Out, "demo values: --tenant %s --client-id %s, client secret %q\n", tenant, clientID, ukgsim.DemoClientSecret)
	fmt.Fprintf(e.Out, "try: echo %q | ukglink verify --subdomain servicet --tenant %s --client-id %s --client-secret-file - --ukg-endpoint %s\n",
		ukgsim.DemoClientSecret, tenant, clientID, endpoint)
}

func valueOr(value, fallback string) string {
	if value == "" {
		return fallback
	}
	return value
}
