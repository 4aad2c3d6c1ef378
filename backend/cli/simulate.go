package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/ukglink/ukglink/backend/snapshot"
	"github.com/ukglink/ukglink/backend/ukgsim"
	"github.com/ukglink/ukglink/backend/verify"
)

const simulateUsage = "--listen 127.0.0.1:PORT [--scenario NAME | --replay SNAPSHOT_OR_REPORT] [--latency DURATION] | --list"

func runSimulate(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "simulate", simulateUsage)
	listen := fs.String("listen", "127.0.0.1:8443", "loopback `ADDRESS` to listen on (port 0 picks a free port)")
	scenario := fs.String("scenario", "ok", "simulator scenario `NAME` (see --list)")
	latency := fs.Duration("latency", 0, "delay added to every response, e.g. 150ms")
	list := fs.Bool("list", false, "print the scenarios and exit")
	replayFile := fs.String("replay", "", "respond like the UKG recorded in a support snapshot or verify --json report `FILE`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *list {
		for _, s := range ukgsim.Scenarios {
			description := s.Description
			if s.Name == "replay" {
				// The package describes its Config field; here the flag starts it.
				description = "Responds like a recorded verification, whatever the credentials. Start it with --replay SNAPSHOT."
			}
			fmt.Fprintf(e.Out, "%-20s %s\n", s.Name, description)
		}
		return nil
	}
	if err := checkLoopbackAddress(*listen); err != nil {
		return usageError(err, "the simulator only listens on loopback, e.g. --listen 127.0.0.1:8443")
	}
	config := ukgsim.Config{Scenario: *scenario}
	if *replayFile != "" {
		snap, err := loadReplay(*replayFile)
		if err != nil {
			return err
		}
		if config, err = snapshot.ReplayConfig(snap); err != nil {
			return usageError(err)
		}
		*scenario = "replay of " + *replayFile
	}
	config.Latency, config.Logger = *latency, e.log
	server, err := ukgsim.New(config)
	if err != nil {
		return usageError(err, "list the scenarios: ukglink simulate --list")
	}
	listener, err := net.Listen("tcp", *listen)
	if err != nil {
		return failure(fmt.Errorf("listen on %s: %w", *listen, err))
	}
	endpoint := "http://" + listener.Addr().String()
	fmt.Fprintf(e.Out, "UKG simulator listening on %s (scenario %s)\n", endpoint, *scenario)
	if config.Replay != nil {
		fmt.Fprintf(e.Out, "replaying for tenant %s: any client ID and secret are accepted\n", config.Tenant)
		fmt.Fprintf(e.Out, "try: ukglink verify --profile NAME --ukg-endpoint %s, or start the app with %s=%s\n", endpoint, verify.EndpointEnv, endpoint)
	} else {
		fmt.Fprintf(e.Out, "demo values: --tenant %s --client-id %s, client secret %q\n", ukgsim.DemoTenant, ukgsim.DemoClientID, ukgsim.DemoClientSecret)
		fmt.Fprintf(e.Out, "try: echo %q | ukglink verify --subdomain servicet --tenant %s --client-id %s --client-secret-file - --ukg-endpoint %s\n",
			ukgsim.DemoClientSecret, ukgsim.DemoTenant, ukgsim.DemoClientID, endpoint)
	}
	e.log.Info("simulator started", "address", endpoint, "scenario", *scenario)

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

// checkLoopbackAddress accepts HOST:PORT where HOST is a loopback IP or "localhost".
func checkLoopbackAddress(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("invalid listen address %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return errors.New("listen address " + addr + " is not a loopback address")
	}
	return nil
}
