package desktop

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/ukglink/ukglink/backend/ukgsim"
)

// loopbackServer is a simulator served on a free loopback port.
type loopbackServer struct {
	endpoint string
	server   *http.Server
	log      *slog.Logger
}

// startSimulatorFor serves handler on 127.0.0.1 with a free port.
func startSimulatorFor(handler http.Handler, logger *slog.Logger) (*loopbackServer, error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("start the UKG simulator: %w", err)
	}
	l := &loopbackServer{
		endpoint: "http://" + listener.Addr().String(),
		server:   &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second},
		log:      logger,
	}
	go func() {
		err := l.server.Serve(listener)
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("simulator stopped", "endpoint", l.endpoint, "error", err)
		}
	}()
	logger.Info("simulator started", "endpoint", l.endpoint)
	return l, nil
}

func (l *loopbackServer) stop() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = l.server.Shutdown(ctx)
	l.log.Info("simulator stopped", "endpoint", l.endpoint)
}

// demoSimulator is the UKG simulator the demo mode runs on loopback. Its
// scenario can change while it runs.
type demoSimulator struct {
	*loopbackServer
	current atomic.Pointer[demoScenario]
	log     *slog.Logger
}

type demoScenario struct {
	name    string
	handler *ukgsim.Server
}

func startDemoSimulator(scenario string, logger *slog.Logger) (*demoSimulator, error) {
	d := &demoSimulator{log: logger}
	if err := d.setScenario(scenario); err != nil {
		return nil, err
	}
	server, err := startSimulatorFor(http.HandlerFunc(d.serveHTTP), logger)
	if err != nil {
		return nil, err
	}
	d.loopbackServer = server
	logger.Info("demo mode on", "scenario", scenario)
	return d, nil
}

func (d *demoSimulator) serveHTTP(w http.ResponseWriter, r *http.Request) {
	d.current.Load().handler.ServeHTTP(w, r)
}

func (d *demoSimulator) setScenario(name string) error {
	handler, err := ukgsim.New(ukgsim.Config{Scenario: name, Logger: d.log})
	if err != nil {
		return err
	}
	d.current.Store(&demoScenario{name: name, handler: handler})
	return nil
}

func (d *demoSimulator) scenarioName() string {
	return d.current.Load().name
}

// ScenarioInfo is one simulator scenario the demo banner offers. Name is
// the simulator's, Label what the menu shows.
type ScenarioInfo struct {
	Name        string `json:"name"`
	Label       string `json:"label"`
	Description string `json:"description"`
}

// scenarioLabels are the menu labels of the simulator scenarios. The
// scenario "replay" has none, because it needs a snapshot opened from the
// Start screen and the menu cannot offer it.
var scenarioLabels = map[string]string{
	"ok":                 "Everything works",
	"missing-scopes":     "Some permissions not enabled",
	"invalid-client":     "Client ID or secret rejected",
	"invalid-scope":      "Token request with a permission not enabled",
	"unknown-tenant":     "Unknown tenant",
	"maintenance-html":   "UKG maintenance page",
	"rate-limited":       "Too many requests at first",
	"unavailable":        "UKG unavailable (503)",
	"token-field":        "Token under another field name",
	"string-expires":     "Expiry sent as text",
	"comma-scopes":       "Permissions separated by commas",
	"jwt-scopes":         "Permissions only inside the token",
	"no-scopes":          "No permission list at all",
	"probe-unauthorized": "Token not accepted for reading (401)",
	"probe-forbidden":    "A read refused (403)",
	"probe-not-found":    "Recruiting API not found (404)",
	"drop":               "UKG never answers",
}

func scenarioInfos() []ScenarioInfo {
	infos := []ScenarioInfo{}
	for _, s := range ukgsim.Scenarios {
		if label, ok := scenarioLabels[s.Name]; ok {
			infos = append(infos, ScenarioInfo{Name: s.Name, Label: label, Description: s.Description})
		}
	}
	return infos
}

// DemoValues are the values the demo simulator accepts, shown on the demo
// banner. They are public demo values, not credentials.
type DemoValues struct {
	Subdomain    string `json:"subdomain"`
	Tenant       string `json:"tenant"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
}

func demoValues() *DemoValues {
	return &DemoValues{
		Subdomain:    "servicet",
		Tenant:       ukgsim.DemoTenant,
		ClientID:     ukgsim.DemoClientID,
		ClientSecret: ukgsim.DemoClientSecret,
	}
}

// SetScenario switches the demo simulator to another scenario.
func (s *Service) SetScenario(name string) Result {
	if s.demo == nil {
		return failed("not_demo", "", "Simulator scenarios exist only in demo mode. Start the app with \"ukglink demo\".", "")
	}
	if err := s.demo.setScenario(name); err != nil {
		return failed("unknown_scenario", "", fmt.Sprintf("There is no simulator scenario %q.", name), err.Error())
	}
	s.log.Info("demo scenario changed", "scenario", name)
	return ok()
}

// endpoint returns the simulator URL verification of profileName goes to,
// or "" for UKG: a replay of an opened snapshot, else the demo simulator,
// else the configured test endpoint.
func (s *Service) endpoint(profileName string) string {
	if replay := s.replayEndpoint(profileName); replay != "" {
		return replay
	}
	if s.demo != nil {
		return s.demo.endpoint
	}
	return s.config.Endpoint
}
