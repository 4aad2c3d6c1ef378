package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/secret"
	"github.com/ukglink/ukglink/backend/ukgsim"
)

// testSecret is a secret whose appearance anywhere but the token request
// body fails a test.
const testSecret = "Leak-Check-9f3a/7Q+=="

// demoRequest returns a request for the simulator's demo tenant.
func demoRequest(secretValue string) Request {
	return Request{
		Profile: profile.Profile{
			Name:        "demo",
			Subdomain:   "servicet",
			AccountType: "test",
			Tenant:      ukgsim.DemoTenant,
			ClientID:    ukgsim.DemoClientID,
		},
		Secret: secret.New(secretValue),
	}
}

// wireLog collects what passes between the verifier and the simulator:
// raw token request bodies, request headers and the tokens issued.
type wireLog struct {
	mu          sync.Mutex
	tokenBodies []string
	tokenHeader []http.Header
	tokens      []string
}

var tokenValue = regexp.MustCompile(`"(?:access_token|token)":"([^"]+)"`)

// wrap returns next with the exchanges of token requests recorded.
func (l *wireLog) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || !isTokenPath(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		tee := &teeWriter{ResponseWriter: w}
		next.ServeHTTP(tee, r)

		l.mu.Lock()
		defer l.mu.Unlock()
		l.tokenBodies = append(l.tokenBodies, string(body))
		l.tokenHeader = append(l.tokenHeader, r.Header.Clone())
		for _, m := range tokenValue.FindAllStringSubmatch(tee.body.String(), -1) {
			l.tokens = append(l.tokens, m[1])
		}
	})
}

func (l *wireLog) snapshot() (bodies []string, headers []http.Header, tokens []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string{}, l.tokenBodies...), append([]http.Header{}, l.tokenHeader...), append([]string{}, l.tokens...)
}

func isTokenPath(path string) bool {
	return strings.HasSuffix(path, "/access_token") || strings.HasSuffix(path, "/token")
}

type teeWriter struct {
	http.ResponseWriter
	body bytes.Buffer
}

func (w *teeWriter) Write(b []byte) (int, error) {
	w.body.Write(b)
	return w.ResponseWriter.Write(b)
}

// simulator starts cfg's simulator on a loopback httptest server.
func simulator(t *testing.T, cfg ukgsim.Config) (*ukgsim.Server, *httptest.Server, *wireLog) {
	t.Helper()
	sim, err := ukgsim.New(cfg)
	if err != nil {
		t.Fatalf("ukgsim.New(%q): %v", cfg.Scenario, err)
	}
	wire := &wireLog{}
	server := httptest.NewServer(wire.wrap(sim))
	t.Cleanup(func() {
		sim.Close()
		server.Close()
	})
	return sim, server, wire
}

// logBuffer returns a debug-level JSON logger and what it wrote.
func logBuffer() (*slog.Logger, *syncBuffer) {
	buf := &syncBuffer{}
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func reportJSON(t *testing.T, rep *Report) string {
	t.Helper()
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatalf("marshal report: %v", err)
	}
	return string(data)
}

// problemCode returns the code of the first problem, or "".
func problemCode(rep *Report) string {
	if len(rep.Problems) == 0 {
		return ""
	}
	return rep.Problems[0].Code
}

// loopbackOnlyDialer dials loopback addresses and the mapped host:port
// pairs, and refuses every other address, so no test reaches the network.
func loopbackOnlyDialer(mapped map[string]string) func(context.Context, string, string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		if target, ok := mapped[addr]; ok {
			addr = target
		}
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			return nil, fmt.Errorf("test dialer refuses non-loopback address %s", addr)
		}
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}
}

// clearProxyEnv makes the environment proxy settings empty for t.
func clearProxyEnv(t *testing.T) {
	for _, name := range []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"} {
		t.Setenv(name, "")
	}
}

// assertNoLeak fails when value appears in the report, the log or a problem.
func assertNoLeak(t *testing.T, what, value string, rep *Report, log string) {
	t.Helper()
	if value == "" {
		return
	}
	if strings.Contains(reportJSON(t, rep), value) {
		t.Errorf("report JSON contains the %s", what)
	}
	if strings.Contains(log, value) {
		t.Errorf("log output contains the %s", what)
	}
	if strings.Contains(fmt.Sprintf("%v %+v %#v", rep, *rep, *rep), value) {
		t.Errorf("formatted report contains the %s", what)
	}
}

// assertReadOnly fails when a request other than GET reached an API path.
func assertReadOnly(t *testing.T, sim *ukgsim.Server) {
	t.Helper()
	for _, rec := range sim.Requests() {
		if strings.HasPrefix(rec.Path, "/talent/recruiting/") && rec.Method != http.MethodGet {
			t.Errorf("%s %s reached the API", rec.Method, rec.Path)
		}
	}
}
