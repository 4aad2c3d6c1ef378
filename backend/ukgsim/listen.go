package ukgsim

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// shutdownGrace is how long ListenAndServe waits for requests in flight.
const shutdownGrace = 5 * time.Second

// ListenAndServe serves a simulator for cfg on addr until ctx ends. The
// host of addr must be "localhost", in any case, or a loopback IP literal,
// so the simulator is never reachable from another machine. "localhost"
// means 127.0.0.1, without a name lookup.
func ListenAndServe(ctx context.Context, addr string, cfg Config) error {
	addr, err := LoopbackListenAddr(addr)
	if err != nil {
		return err
	}
	sim, err := New(cfg)
	if err != nil {
		return err
	}
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	return sim.Serve(ctx, listener)
}

// Serve serves the simulator on listener until ctx ends, then shuts down.
func (s *Server) Serve(ctx context.Context, listener net.Listener) error {
	server := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	addr := listener.Addr().String()
	s.log.Info("simulator started", "addr", addr, "scenario", s.cfg.Scenario, "tenant", s.cfg.Tenant)

	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()

	select {
	case err := <-served:
		s.Close()
		s.log.Error("simulator stopped", "addr", addr, "error", err)
		return fmt.Errorf("serve on %s: %w", addr, err)
	case <-ctx.Done():
	}

	s.Close()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err := server.Shutdown(shutdownCtx)
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		s.log.Error("simulator stopped", "addr", addr, "error", err)
	}
	if err != nil {
		s.log.Error("simulator shutdown incomplete", "addr", addr, "error", err)
		return fmt.Errorf("shut down simulator on %s: %w", addr, err)
	}
	s.log.Info("simulator stopped", "addr", addr)
	return nil
}

// LoopbackListenAddr returns addr with "localhost", in any case, replaced
// by 127.0.0.1, so that a hosts file or DNS server cannot move the
// simulator to another interface. It rejects an address that is not on
// loopback, including one with an empty host, which would listen on every
// interface.
func LoopbackListenAddr(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("listen address %q is not host:port: %w", addr, err)
	}
	if strings.EqualFold(host, "localhost") {
		return net.JoinHostPort("127.0.0.1", port), nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return addr, nil
	}
	return "", fmt.Errorf("listen address %q is not on loopback: use 127.0.0.1 or localhost", addr)
}
