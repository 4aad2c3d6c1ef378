// Package ukgsim is a UKG Pro Recruiting simulator: a real net/http server
// with the token endpoint and the read API of one tenant, whose failure
// modes are chosen by scenario. Tests, the demo mode and support use it.
//
// The simulator never stores a secret or a token. Requests returns what
// each request looked like: method, path, host and the names, never the
// values, of its form fields.
package ukgsim

import (
	"crypto/rand"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ukglink/ukglink/backend/ukg"
)

// Demo credentials, accepted by a simulator whose Config leaves them empty.
// They are public on purpose and work nowhere else.
const (
	DemoTenant       = "USG1008IT124S"
	DemoClientID     = "ukglink-demo-client"
	DemoClientSecret = "demo-secret-not-for-ukg"
)

// DefaultRateLimited is the number of requests that the rate-limited
// scenario rejects with 429 when Config.RateLimited is 0.
const DefaultRateLimited = 1

// Scenario is a named behaviour of the simulator.
type Scenario struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Scenarios lists every scenario New accepts.
var Scenarios = []Scenario{
	{"ok", "Issues a token with every scope and serves every read."},
	{"missing-scopes", "Issues a token without the withheld scopes, by default the four import scopes."},
	{"invalid-client", "Rejects every token request with 401 invalid_client."},
	{"invalid-scope", "Rejects a token request that asks for a withheld scope with 400 invalid_scope; without scope it issues a token for the other scopes."},
	{"unknown-tenant", "Answers every request with a 404 HTML page, as for a tenant it does not know."},
	{"maintenance-html", "Answers every request with a 200 HTML maintenance page."},
	{"rate-limited", "Answers the first requests with 429 and Retry-After: 1, then behaves as ok."},
	{"unavailable", "Answers every request with 503."},
	{"token-field", "Returns the token in a \"token\" field instead of \"access_token\"."},
	{"string-expires", "Returns expires_in as the string \"3600\"."},
	{"comma-scopes", "Returns the granted scopes separated by commas."},
	{"jwt-scopes", "Returns no scope field: the scopes are only in the token's scope claim."},
	{"no-scopes", "Returns no scope field and a token without a scope claim."},
	{"probe-unauthorized", "Issues a token but rejects every read with 401, as a host of another environment does."},
	{"probe-forbidden", "Issues a token but rejects reads of applicant sources with 403."},
	{"probe-not-found", "Issues a token but responds to every read with 404."},
	{"drop", "Accepts connections and reads requests but never responds."},
	{"replay", "Responds like a recorded verification (Config.Replay), whatever the credentials."},
}

// Config sets up a simulator. Empty credentials mean the Demo values.
type Config struct {
	Scenario string
	// Latency delays every response.
	Latency      time.Duration
	Tenant       string
	ClientID     string
	ClientSecret string
	// Withheld are the scopes that missing-scopes and invalid-scope do not
	// grant. Nil means the four import scopes.
	Withheld []string
	// RateLimited is the number of requests that rate-limited rejects with 429.
	RateLimited int
	// Replay, when set, makes the scenario "replay".
	Replay *Replay
	Logger *slog.Logger
}

// RequestRecord describes one request without any secret value.
type RequestRecord struct {
	Time   time.Time `json:"time"`
	Method string    `json:"method"`
	Path   string    `json:"path"`
	Host   string    `json:"host"`
	// QueryKeys and FormKeys are sorted parameter names, never values.
	QueryKeys []string `json:"query_keys,omitempty"`
	FormKeys  []string `json:"form_keys,omitempty"`
	// BasicAuth is set when the request carried HTTP Basic credentials.
	BasicAuth bool `json:"basic_auth"`
	// AuthScheme is the scheme of the Authorization header, such as "Bearer".
	AuthScheme string `json:"auth_scheme,omitempty"`
	Status     int    `json:"status"`
}

// Server is the simulator, an http.Handler.
type Server struct {
	cfg      Config
	log      *slog.Logger
	key      []byte // signs the tokens it issues
	mux      *http.ServeMux
	served   atomic.Int64
	released chan struct{}
	close    sync.Once

	mu      sync.Mutex
	records []RequestRecord
}

// New returns a simulator for cfg, or an error for an unknown scenario.
func New(cfg Config) (*Server, error) {
	cfg = withDefaults(cfg)
	if cfg.Scenario == "replay" && cfg.Replay == nil {
		return nil, fmt.Errorf("scenario replay needs a recorded verification")
	}
	if !slices.ContainsFunc(Scenarios, func(s Scenario) bool { return s.Name == cfg.Scenario }) {
		return nil, fmt.Errorf("unknown scenario %q: use one of %s", cfg.Scenario, strings.Join(ScenarioNames(), ", "))
	}
	s := &Server{cfg: cfg, log: cfg.Logger, key: make([]byte, 32), released: make(chan struct{})}
	rand.Read(s.key)
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("/signin/oauth2/t/{tenant}/access_token", s.serveToken)
	s.mux.HandleFunc("/t/{tenant}/token", s.serveToken)
	s.mux.HandleFunc(ukg.APIPath+"/{resource}", s.serveAPI)
	return s, nil
}

func withDefaults(cfg Config) Config {
	if cfg.Replay != nil {
		cfg.Scenario = "replay"
	}
	if cfg.Scenario == "" {
		cfg.Scenario = "ok"
	}
	if cfg.Tenant == "" {
		cfg.Tenant = DemoTenant
	}
	if cfg.ClientID == "" {
		cfg.ClientID = DemoClientID
	}
	if cfg.ClientSecret == "" {
		cfg.ClientSecret = DemoClientSecret
	}
	if cfg.Withheld == nil {
		cfg.Withheld = importScopes()
	}
	if cfg.RateLimited <= 0 {
		cfg.RateLimited = DefaultRateLimited
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return cfg
}

// importScopes returns the required scopes of the import areas.
func importScopes() []string {
	var names []string
	for _, name := range ukg.RequiredScopeNames() {
		if strings.Contains(name, "-import.") {
			names = append(names, name)
		}
	}
	return names
}

// ScenarioNames returns the names of Scenarios, in table order.
func ScenarioNames() []string {
	names := make([]string, len(Scenarios))
	for i, s := range Scenarios {
		names[i] = s.Name
	}
	return names
}

// Requests returns a copy of the records of every request served so far.
func (s *Server) Requests() []RequestRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.records)
}

// Close releases the requests that the drop scenario holds.
func (s *Server) Close() {
	s.close.Do(func() { close(s.released) })
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	recorder := &statusRecorder{ResponseWriter: w}
	defer s.record(r, recorder)

	if !s.wait(r, s.cfg.Latency) {
		return
	}
	n := s.served.Add(1)
	switch s.cfg.Scenario {
	case "drop":
		s.hold(r)
		return
	case "replay":
		s.serveReplay(recorder, r)
		return
	case "unknown-tenant":
		writeHTML(recorder, http.StatusNotFound, notFoundPage)
		return
	case "maintenance-html":
		writeHTML(recorder, http.StatusOK, maintenancePage)
		return
	case "unavailable":
		http.Error(recorder, "Service Unavailable", http.StatusServiceUnavailable)
		return
	case "rate-limited":
		if n <= int64(s.cfg.RateLimited) {
			recorder.Header().Set("Retry-After", "1")
			writeJSON(recorder, http.StatusTooManyRequests, map[string]string{"error": "rate_limited"})
			return
		}
	}
	s.mux.ServeHTTP(recorder, r)
}

// wait sleeps for d unless the request or the server ends first.
func (s *Server) wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-r.Context().Done():
	case <-s.released:
	}
	return false
}

// hold keeps a request without a response until the client goes away or Close.
func (s *Server) hold(r *http.Request) {
	s.log.Info("holding request without response", "path", r.URL.Path)
	select {
	case <-r.Context().Done():
	case <-s.released:
	}
}

func (s *Server) record(r *http.Request, w *statusRecorder) {
	rec := RequestRecord{
		Time:      time.Now(),
		Method:    r.Method,
		Path:      r.URL.Path,
		Host:      r.Host,
		QueryKeys: sortedKeys(r.URL.Query()),
		FormKeys:  sortedKeys(r.PostForm),
		Status:    w.status,
	}
	_, _, rec.BasicAuth = r.BasicAuth()
	rec.AuthScheme, _, _ = strings.Cut(r.Header.Get("Authorization"), " ")
	s.mu.Lock()
	s.records = append(s.records, rec)
	s.mu.Unlock()
	s.log.Debug("request served", "method", rec.Method, "path", rec.Path, "status", rec.Status)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// statusRecorder keeps the status code a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}
