package ukgsim

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ukglink/ukglink/backend/ukg"
)

const testSecret = "sim-secret/+=%20"

func start(t *testing.T, cfg Config) (*Server, *httptest.Server) {
	t.Helper()
	if cfg.ClientSecret == "" {
		cfg.ClientSecret = testSecret
	}
	sim, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	server := httptest.NewServer(sim)
	t.Cleanup(func() {
		sim.Close()
		server.Close()
	})
	return sim, server
}

func tokenForm(secretValue, scope string) url.Values {
	form := url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {DemoClientID},
		"client_secret": {secretValue},
	}
	if scope != "" {
		form.Set("scope", scope)
	}
	return form
}

// fetchToken posts form to the current token path and decodes the reply.
func fetchToken(t *testing.T, server *httptest.Server, form url.Values) (int, map[string]any) {
	t.Helper()
	resp, err := http.PostForm(server.URL+"/signin/oauth2/t/"+DemoTenant+"/access_token", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body
}

func get(t *testing.T, target, token string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, target, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func apiURL(server *httptest.Server, resource string) string {
	return server.URL + ukg.APIPathFor(DemoTenant) + "/" + resource
}

func TestTokenIsJWTWithScopes(t *testing.T) {
	_, server := start(t, Config{})
	status, body := fetchToken(t, server, tokenForm(testSecret, ""))
	if status != http.StatusOK {
		t.Fatalf("status = %d, body %v", status, body)
	}
	token, _ := body["access_token"].(string)
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d parts, want 3", len(parts))
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatalf("payload is not base64url: %v", err)
	}
	var c claims
	if err := json.Unmarshal(payload, &c); err != nil {
		t.Fatal(err)
	}
	if c.Scope != strings.Join(ukg.RequiredScopeNames(), " ") {
		t.Errorf("scope claim = %q", c.Scope)
	}
	if body["scope"] != c.Scope || body["token_type"] != "Bearer" || body["expires_in"] != 3600.0 {
		t.Errorf("token response = %v", body)
	}
}

func TestTokenRejections(t *testing.T) {
	cases := []struct {
		name     string
		scenario string
		form     url.Values
		basic    bool
		status   int
		errCode  string
	}{
		{"wrong secret", "ok", tokenForm("other", ""), false, 401, "invalid_client"},
		{"secret decoded once", "ok", tokenForm("sim-secret/+= ", ""), false, 401, "invalid_client"},
		{"basic auth only", "ok", url.Values{"grant_type": {"client_credentials"}}, true, 401, "invalid_client"},
		{"wrong grant", "ok", url.Values{"grant_type": {"password"}}, false, 400, "unsupported_grant_type"},
		{"invalid-client scenario", "invalid-client", tokenForm(testSecret, ""), false, 401, "invalid_client"},
		{"invalid-scope scenario", "invalid-scope", tokenForm(testSecret, strings.Join(ukg.RequiredScopeNames(), " ")), false, 400, "invalid_scope"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sim, server := start(t, Config{Scenario: tc.scenario})
			req, _ := http.NewRequest(http.MethodPost, server.URL+"/t/"+DemoTenant+"/token", strings.NewReader(tc.form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tc.basic {
				req.SetBasicAuth(DemoClientID, testSecret)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body map[string]string
			json.NewDecoder(resp.Body).Decode(&body)
			if resp.StatusCode != tc.status || body["error"] != tc.errCode {
				t.Errorf("got %d %q, want %d %q", resp.StatusCode, body["error"], tc.status, tc.errCode)
			}
			if got := sim.Requests()[0].BasicAuth; got != tc.basic {
				t.Errorf("basic auth recorded = %v, want %v", got, tc.basic)
			}
		})
	}
}

func TestInvalidScopeWithoutScopeGrantsRest(t *testing.T) {
	_, server := start(t, Config{Scenario: "invalid-scope"})
	status, body := fetchToken(t, server, tokenForm(testSecret, ""))
	if status != http.StatusOK {
		t.Fatalf("status = %d", status)
	}
	granted := strings.Fields(body["scope"].(string))
	if len(granted) != len(ukg.RequiredScopes)-4 || slices.Contains(granted, "recruiting.domain.candidate-import.read") {
		t.Errorf("granted = %v, want all but the import scopes", granted)
	}
}

func TestResponseVariants(t *testing.T) {
	cases := []struct {
		scenario string
		check    func(map[string]any) error
	}{
		{"token-field", func(b map[string]any) error {
			if _, ok := b["access_token"]; ok || b["token"] == nil {
				return fmt.Errorf("want token in place of access_token: %v", b)
			}
			return nil
		}},
		{"string-expires", func(b map[string]any) error {
			if b["expires_in"] != "3600" {
				return fmt.Errorf("expires_in = %#v", b["expires_in"])
			}
			return nil
		}},
		{"comma-scopes", func(b map[string]any) error {
			if s, _ := b["scope"].(string); !strings.Contains(s, ",") || strings.Contains(s, " ") {
				return fmt.Errorf("scope = %q", s)
			}
			return nil
		}},
		{"jwt-scopes", func(b map[string]any) error {
			if _, ok := b["scope"]; ok {
				return fmt.Errorf("scope field present")
			}
			return nil
		}},
	}
	for _, tc := range cases {
		t.Run(tc.scenario, func(t *testing.T) {
			_, server := start(t, Config{Scenario: tc.scenario})
			_, body := fetchToken(t, server, tokenForm(testSecret, ""))
			if err := tc.check(body); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestListPagination(t *testing.T) {
	_, server := start(t, Config{})
	_, body := fetchToken(t, server, tokenForm(testSecret, ""))
	token := body["access_token"].(string)

	resp := get(t, apiURL(server, "opportunities")+"?page=2&per_page=1", token)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	var records []map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&records); err != nil {
		t.Fatalf("body is not a JSON array: %v", err)
	}
	if len(records) != 1 || records[0]["id"] != "opportunity-2" {
		t.Errorf("records = %v", records)
	}
	link := resp.Header.Get("Link")
	for _, want := range []string{`page=3&per_page=1>; rel="next"`, `page=1&per_page=1>; rel="prev"`, `rel="last"`} {
		if !strings.Contains(link, want) {
			t.Errorf("Link %q lacks %s", link, want)
		}
	}
	if resp := get(t, apiURL(server, "opportunities")+"?page=0", token); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("page=0 status = %d", resp.StatusCode)
	}
}

func TestAPIChecks(t *testing.T) {
	_, server := start(t, Config{Scenario: "missing-scopes", Withheld: []string{
		"recruiting.domain.configuration.read", "recruiting.domain.configuration.write"}})
	_, body := fetchToken(t, server, tokenForm(testSecret, ""))
	token := body["access_token"].(string)
	cases := []struct {
		name   string
		target string
		token  string
		status int
	}{
		{"granted", apiURL(server, "candidates"), token, 200},
		{"all accepted scopes withheld", apiURL(server, "applicant-sources"), token, 403},
		{"no token", apiURL(server, "candidates"), "", 401},
		{"forged token", apiURL(server, "candidates"), token[:len(token)-2] + "AA", 401},
		{"unknown tenant", server.URL + ukg.APIPathFor("OTHER1234") + "/candidates", token, 404},
		{"unknown resource", apiURL(server, "offers"), token, 404},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := get(t, tc.target, tc.token).StatusCode; got != tc.status {
				t.Errorf("status = %d, want %d", got, tc.status)
			}
		})
	}
}

func TestWriteMethodsRejectedAndRecorded(t *testing.T) {
	sim, server := start(t, Config{})
	for _, method := range []string{"POST", "PUT", "PATCH", "DELETE"} {
		req, _ := http.NewRequest(method, apiURL(server, "candidates"), strings.NewReader(`{"x":1}`))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET" {
			t.Errorf("%s status = %d, Allow %q", method, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
	var methods []string
	for _, rec := range sim.Requests() {
		if rec.Status == http.StatusMethodNotAllowed {
			methods = append(methods, rec.Method)
		}
	}
	if !slices.Equal(methods, []string{"POST", "PUT", "PATCH", "DELETE"}) {
		t.Errorf("recorded 405 methods = %v", methods)
	}
}

func TestRecordsContainNoSecret(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	sim, server := start(t, Config{Logger: logger})
	_, body := fetchToken(t, server, tokenForm(testSecret, "recruiting.domain.candidates.read"))
	token := body["access_token"].(string)
	get(t, apiURL(server, "candidates")+"?client_secret="+url.QueryEscape(testSecret), token)

	records, _ := json.Marshal(sim.Requests())
	for _, value := range []string{testSecret, url.QueryEscape(testSecret), token} {
		if bytes.Contains(records, []byte(value)) || bytes.Contains(logs.Bytes(), []byte(value)) {
			t.Errorf("records or logs contain a secret value: %s", records)
		}
	}
	first := sim.Requests()[0]
	if !slices.Equal(first.FormKeys, []string{"client_id", "client_secret", "grant_type", "scope"}) {
		t.Errorf("form keys = %v", first.FormKeys)
	}
	if second := sim.Requests()[1]; second.AuthScheme != "Bearer" || !slices.Equal(second.QueryKeys, []string{"client_secret"}) {
		t.Errorf("record = %+v", second)
	}
}

func TestServerScenarios(t *testing.T) {
	cases := []struct {
		scenario    string
		status      int
		contentType string
		words       string
	}{
		{"unknown-tenant", 404, "text/html", "Not Found"},
		{"maintenance-html", 200, "text/html", "maintenance"},
		{"unavailable", 503, "text/plain", "Unavailable"},
		{"rate-limited", 429, "application/json", "rate_limited"},
	}
	for _, tc := range cases {
		t.Run(tc.scenario, func(t *testing.T) {
			_, server := start(t, Config{Scenario: tc.scenario, RateLimited: 2})
			for _, target := range []string{server.URL + "/t/" + DemoTenant + "/token", apiURL(server, "candidates")} {
				resp := get(t, target, "")
				body, _ := io.ReadAll(resp.Body)
				if resp.StatusCode != tc.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.contentType) {
					t.Errorf("%s: %d %q", target, resp.StatusCode, resp.Header.Get("Content-Type"))
				}
				if !strings.Contains(string(body), tc.words) {
					t.Errorf("%s: body %q lacks %q", target, body, tc.words)
				}
			}
		})
	}

	t.Run("rate-limited recovers", func(t *testing.T) {
		_, server := start(t, Config{Scenario: "rate-limited", RateLimited: 1})
		if resp := get(t, apiURL(server, "candidates"), ""); resp.Header.Get("Retry-After") != "1" {
			t.Errorf("Retry-After = %q", resp.Header.Get("Retry-After"))
		}
		if status, _ := fetchToken(t, server, tokenForm(testSecret, "")); status != http.StatusOK {
			t.Errorf("status after the limit = %d", status)
		}
	})
}

func TestDropNeverResponds(t *testing.T) {
	_, server := start(t, Config{Scenario: "drop"})
	client := &http.Client{Timeout: 200 * time.Millisecond}
	started := time.Now()
	_, err := client.Get(apiURL(server, "candidates"))
	if err == nil {
		t.Fatal("drop answered")
	}
	if elapsed := time.Since(started); elapsed > 5*time.Second {
		t.Errorf("client timeout took %v", elapsed)
	}
}

func TestLatencyDelays(t *testing.T) {
	_, server := start(t, Config{Latency: 150 * time.Millisecond})
	started := time.Now()
	fetchToken(t, server, tokenForm(testSecret, ""))
	if elapsed := time.Since(started); elapsed < 150*time.Millisecond {
		t.Errorf("answer after %v, want at least the latency", elapsed)
	}
}

func TestNewRejectsUnknownScenario(t *testing.T) {
	_, err := New(Config{Scenario: "nope"})
	if err == nil || !strings.Contains(err.Error(), "missing-scopes") {
		t.Errorf("err = %v, want the list of scenarios", err)
	}
	for _, s := range Scenarios {
		if s.Description == "" {
			t.Errorf("scenario %q has no description", s.Name)
		}
	}
}

func TestLoopbackListenAddr(t *testing.T) {
	tests := map[string]string{
		"localhost:8443": "127.0.0.1:8443",
		"LOCALHOST:0":    "127.0.0.1:0",
		"127.0.0.2:8443": "127.0.0.2:8443",
		"[::1]:8443":     "[::1]:8443",
	}
	for addr, want := range tests {
		got, err := LoopbackListenAddr(addr)
		if err != nil {
			t.Errorf("LoopbackListenAddr(%q): %v", addr, err)
			continue
		}
		if got != want {
			t.Errorf("LoopbackListenAddr(%q) = %q, want %q", addr, got, want)
		}
	}
}

func TestListenAndServe(t *testing.T) {
	for _, addr := range []string{":0", "0.0.0.0:0", "10.0.0.1:8443", "[::]:0", "example.com:80", "nohostport"} {
		if err := ListenAndServe(context.Background(), addr, Config{}); err == nil {
			t.Errorf("ListenAndServe(%q) accepted a non-loopback address", addr)
		}
	}

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := listener.Addr().String()
	listener.Close()
	var logs bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- ListenAndServe(ctx, addr, Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	}()

	deadline := time.Now().Add(5 * time.Second)
	var resp *http.Response
	for time.Now().Before(deadline) {
		if resp, err = http.Get("http://" + addr + ukg.APIPathFor(DemoTenant) + "/candidates"); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("simulator not reachable: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("status without token = %d", resp.StatusCode)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("ListenAndServe = %v after cancel", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ListenAndServe did not stop")
	}
	for _, want := range []string{"simulator started", "simulator stopped"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q: %s", want, logs.String())
		}
	}
}
