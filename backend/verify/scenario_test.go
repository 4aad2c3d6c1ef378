package verify

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ukglink/ukglink/backend/ukg"
	"github.com/ukglink/ukglink/backend/ukgsim"
)

var importScopes = []string{
	"recruiting.domain.application-import.create",
	"recruiting.domain.application-import.read",
	"recruiting.domain.candidate-import.create",
	"recruiting.domain.candidate-import.read",
}

// scenarioCase is one simulator scenario and the report it must produce.
type scenarioCase struct {
	scenario    string
	rateLimited int
	status      string
	code        string
	field       string
	words       []string // expected in the first problem's message
	scopeSource string
	missing     []string
}

var scenarioCases = []scenarioCase{
	{scenario: "ok", status: StatusVerified, scopeSource: ScopeSourceResponse},
	{scenario: "missing-scopes", status: StatusFailed, code: CodeMissingScopes, field: ukg.FieldClientID,
		words: []string{"enable", importScopes[0], importScopes[3]}, scopeSource: ScopeSourceResponse, missing: importScopes},
	{scenario: "invalid-client", status: StatusFailed, code: CodeInvalidClient, field: ukg.FieldClientSecret,
		words: []string{"rejected the client ID or client secret", "rotated", "Web Services", "not the Recruiting OAuth client ID", "Please register"}},
	{scenario: "invalid-scope", status: StatusFailed, code: CodeMissingScopes, field: ukg.FieldClientID,
		words: []string{importScopes[0]}, scopeSource: ScopeSourceResponse, missing: importScopes},
	{scenario: "unknown-tenant", status: StatusFailed, code: CodeWrongTenantOrHost, field: ukg.FieldTenant,
		words: []string{"tenant", "not the client secret", ukgsim.DemoTenant}},
	{scenario: "maintenance-html", status: StatusFailed, code: CodeUKGUnavailable, field: "",
		words: []string{"temporarily unavailable", "not a problem with your credentials"}},
	{scenario: "rate-limited", rateLimited: 1, status: StatusVerified, scopeSource: ScopeSourceResponse},
	{scenario: "rate-limited", rateLimited: 100, status: StatusFailed, code: CodeRateLimited, field: "",
		words: []string{"limiting requests", "Wait a minute"}},
	{scenario: "unavailable", status: StatusFailed, code: CodeUKGUnavailable, field: "",
		words: []string{"temporarily unavailable"}},
	{scenario: "token-field", status: StatusVerified, scopeSource: ScopeSourceResponse},
	{scenario: "string-expires", status: StatusVerified, scopeSource: ScopeSourceResponse},
	{scenario: "comma-scopes", status: StatusVerified, scopeSource: ScopeSourceResponse},
	{scenario: "jwt-scopes", status: StatusVerified, scopeSource: ScopeSourceClaims},
	{scenario: "no-scopes", status: StatusVerified, scopeSource: ScopeSourceNone},
	{scenario: "probe-unauthorized", status: StatusFailed, code: CodeTokenNotAccepted, field: ukg.FieldSubdomain,
		words: []string{"did not accept", "environment", "subdomain"}, scopeSource: ScopeSourceResponse},
	{scenario: "probe-forbidden", status: StatusFailed, code: CodePermissionDenied, field: ukg.FieldClientID,
		words: []string{"Connected, but permission recruiting.domain.configuration.read is missing"}, scopeSource: ScopeSourceResponse,
		missing: []string{"recruiting.domain.configuration.read"}},
	{scenario: "probe-not-found", status: StatusFailed, code: CodeNotFound, field: ukg.FieldSubdomain,
		words: []string{"subdomain", "tenant"}, scopeSource: ScopeSourceResponse},
	{scenario: "drop", status: StatusFailed, code: CodeTimeout, field: ukg.FieldNetwork,
		words: []string{"Could not reach UKG at 127.0.0.1:", "check network or proxy"}},
}

func TestScenariosEndToEnd(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range scenarioCases {
		covered[tc.scenario] = true
		t.Run(tc.scenario, func(t *testing.T) {
			sim, server, wire := simulator(t, ukgsim.Config{
				Scenario: tc.scenario, ClientSecret: testSecret, RateLimited: tc.rateLimited,
			})
			logger, logs := logBuffer()
			opts := Options{Endpoint: server.URL, Logger: logger, ConnectTimeout: 5 * time.Second}
			if tc.scenario == "drop" {
				opts.ConnectTimeout = 300 * time.Millisecond
			}
			rep := Verify(context.Background(), demoRequest(testSecret), opts)

			if rep.Status != tc.status {
				t.Errorf("status = %q, want %q; problems %+v", rep.Status, tc.status, rep.Problems)
			}
			if got := problemCode(rep); got != tc.code {
				t.Fatalf("problem code = %q, want %q; problems %+v", got, tc.code, rep.Problems)
			}
			if tc.code != "" {
				assertProblem(t, rep.Problems[0], tc.field, tc.words)
			}
			if tc.scopeSource != "" && rep.ScopeSource != tc.scopeSource {
				t.Errorf("scope source = %q, want %q", rep.ScopeSource, tc.scopeSource)
			}
			if want := orDefault(tc.missing); !slices.Equal(rep.MissingScopes, want) {
				t.Errorf("missing scopes = %v, want %v", rep.MissingScopes, want)
			}
			if !rep.Simulated {
				t.Error("report not marked simulated")
			}
			_, _, tokens := wire.snapshot()
			assertNoLeak(t, "secret", testSecret, rep, logs.String())
			for _, token := range tokens {
				assertNoLeak(t, "token", token, rep, logs.String())
			}
			assertReadOnly(t, sim)
		})
	}
	// A replay needs a recorded report; package snapshot runs it end to end
	// through the verifier for each recorded scenario.
	covered["replay"] = true
	for _, name := range ukgsim.ScenarioNames() {
		if !covered[name] {
			t.Errorf("scenario %q has no end-to-end case", name)
		}
	}
}

func orDefault(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

func assertProblem(t *testing.T, p Problem, field string, words []string) {
	t.Helper()
	if p.Field != field {
		t.Errorf("field = %q, want %q", p.Field, field)
	}
	if p.Title == "" {
		t.Error("title is empty")
	}
	if p.Detail == "" {
		t.Error("detail is empty")
	}
	for _, w := range words {
		if !strings.Contains(p.Message, w) {
			t.Errorf("message %q does not contain %q", p.Message, w)
		}
	}
	if strings.ContainsAny(p.Message, "{}") {
		t.Errorf("message %q has an unfilled placeholder", p.Message)
	}
}

func TestVerifiedReportShape(t *testing.T) {
	_, server, _ := simulator(t, ukgsim.Config{})
	var mu sync.Mutex
	events := map[string][]string{}
	opts := Options{Endpoint: server.URL, Progress: func(e Event) {
		mu.Lock()
		defer mu.Unlock()
		events[e.Check] = append(events[e.Check], e.Status)
	}}
	rep := Verify(context.Background(), demoRequest(ukgsim.DemoClientSecret), opts)

	if rep.Status != StatusVerified {
		t.Fatalf("status = %q, problems %+v", rep.Status, rep.Problems)
	}
	if !slices.Equal(rep.GrantedScopes, ukg.RequiredScopeNames()) {
		t.Errorf("granted scopes = %v", rep.GrantedScopes)
	}
	if len(rep.Checks) != 2+len(ukg.Probes) {
		t.Fatalf("%d checks, want %d", len(rep.Checks), 2+len(ukg.Probes))
	}
	for _, c := range rep.Checks {
		if c.Status != CheckOK {
			t.Errorf("check %s status = %q", c.Name, c.Status)
		}
		if got := events[c.Name]; !slices.Equal(got, []string{CheckRunning, CheckOK}) {
			t.Errorf("events of %s = %v", c.Name, got)
		}
	}
	if c := rep.Checks[2]; c.Method != "GET" || c.HTTPStatus != 200 || !strings.HasPrefix(c.ContentType, "application/json") {
		t.Errorf("probe check = %+v", c)
	}
	if rep.Endpoints.TokenURL != server.URL+"/signin/oauth2/t/"+ukgsim.DemoTenant+"/access_token" {
		t.Errorf("token URL = %q", rep.Endpoints.TokenURL)
	}
	data := reportJSON(t, rep)
	for _, want := range []string{`"missing_scopes":[]`, `"problems":[]`, `"scope_source":"token_response"`} {
		if !strings.Contains(data, want) {
			t.Errorf("report JSON lacks %s: %s", want, data)
		}
	}
}

func TestFailedReportNeverNull(t *testing.T) {
	rep := Verify(context.Background(), Request{}, Options{})
	data := reportJSON(t, rep)
	for _, want := range []string{`"missing_scopes":[]`, `"granted_scopes":[]`, `"code":"invalid_input"`} {
		if !strings.Contains(data, want) {
			t.Errorf("report JSON lacks %s: %s", want, data)
		}
	}
	if rep.Status != StatusFailed {
		t.Errorf("status = %q", rep.Status)
	}
}

func TestThreeRefusalsDiffer(t *testing.T) {
	var codes, messages []string
	var missing [][]string
	for _, scenario := range []string{"invalid-client", "probe-unauthorized", "probe-forbidden"} {
		_, server, _ := simulator(t, ukgsim.Config{Scenario: scenario})
		rep := Verify(context.Background(), demoRequest(ukgsim.DemoClientSecret), Options{Endpoint: server.URL})
		if len(rep.Problems) == 0 {
			t.Fatalf("%s: no problem", scenario)
		}
		codes = append(codes, rep.Problems[0].Code)
		messages = append(messages, rep.Problems[0].Message)
		missing = append(missing, rep.MissingScopes)
	}
	want := []string{CodeInvalidClient, CodeTokenNotAccepted, CodePermissionDenied}
	if !slices.Equal(codes, want) {
		t.Errorf("codes = %v, want %v", codes, want)
	}
	if messages[0] == messages[1] || messages[1] == messages[2] || messages[0] == messages[2] {
		t.Errorf("messages are not distinct: %q", messages)
	}
	wantMissing := [][]string{{}, {}, {"recruiting.domain.configuration.read"}}
	for i, scopes := range missing {
		if !slices.Equal(scopes, wantMissing[i]) {
			t.Errorf("%s: missing scopes = %v, want %v", codes[i], scopes, wantMissing[i])
		}
	}
}

func TestProbeForbiddenListsScope(t *testing.T) {
	_, server, _ := simulator(t, ukgsim.Config{Scenario: "probe-forbidden"})
	rep := Verify(context.Background(), demoRequest(ukgsim.DemoClientSecret), Options{Endpoint: server.URL})

	const scope = "recruiting.domain.configuration.read"
	if !slices.Equal(rep.MissingScopes, []string{scope}) {
		t.Errorf("missing scopes = %v, want [%s]", rep.MissingScopes, scope)
	}
	if !slices.Contains(rep.GrantedScopes, scope) {
		t.Errorf("granted scopes = %v, want the token's list kept as UKG sent it", rep.GrantedScopes)
	}
	if problemCode(rep) != CodePermissionDenied {
		t.Fatalf("problems = %+v, want permission_denied", rep.Problems)
	}
	if want := "Connected, but permission " + scope + " is missing"; !strings.Contains(rep.Problems[0].Message, want) {
		t.Errorf("message %q does not contain %q", rep.Problems[0].Message, want)
	}
	if want := "the token lists " + scope + " as granted"; !strings.Contains(rep.Problems[0].Detail, want) {
		t.Errorf("detail %q does not contain %q", rep.Problems[0].Detail, want)
	}
}

func TestProbeForbiddenJoinsTokenScopes(t *testing.T) {
	tests := []struct {
		name     string
		withheld []string
		// forbid rejects the applicant-sources probe with 403 even though
		// the token carries a scope that admits it.
		forbid bool
		want   []string
	}{
		{"probe scope also withheld", []string{
			"recruiting.domain.offers.write",
			"recruiting.domain.configuration.write",
			"recruiting.domain.configuration.read",
		}, false, []string{
			"recruiting.domain.configuration.read",
			"recruiting.domain.configuration.write",
			"recruiting.domain.offers.write",
		}},
		{"probe scope granted", []string{"recruiting.domain.offers.write"}, true, []string{
			"recruiting.domain.configuration.read",
			"recruiting.domain.offers.write",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sim, err := ukgsim.New(ukgsim.Config{Scenario: "missing-scopes", Withheld: tt.withheld})
			if err != nil {
				t.Fatal(err)
			}
			server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.forbid && strings.HasSuffix(r.URL.Path, "/applicant-sources") {
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(http.StatusForbidden)
					w.Write([]byte(`{"error":"insufficient_scope"}`))
					return
				}
				sim.ServeHTTP(w, r)
			}))
			defer server.Close()
			rep := Verify(context.Background(), demoRequest(ukgsim.DemoClientSecret), Options{Endpoint: server.URL})

			if !slices.Equal(rep.MissingScopes, tt.want) {
				t.Errorf("missing scopes = %v, want %v", rep.MissingScopes, tt.want)
			}
			codes := problemCodes(rep.Problems)
			if !slices.Equal(codes, []string{CodeMissingScopes, CodePermissionDenied}) {
				t.Errorf("problem codes = %v, want missing_scopes then permission_denied", codes)
			}
		})
	}
}

func TestMissingScopesListsWithheld(t *testing.T) {
	withheld := []string{"recruiting.domain.offers.write", "recruiting.domain.configuration.write"}
	_, server, _ := simulator(t, ukgsim.Config{Scenario: "missing-scopes", Withheld: withheld})
	rep := Verify(context.Background(), demoRequest(ukgsim.DemoClientSecret), Options{Endpoint: server.URL})

	want := []string{"recruiting.domain.configuration.write", "recruiting.domain.offers.write"}
	if !slices.Equal(rep.MissingScopes, want) {
		t.Errorf("missing scopes = %v, want %v in table order", rep.MissingScopes, want)
	}
	if problemCode(rep) != CodeMissingScopes {
		t.Errorf("problems = %+v", rep.Problems)
	}
}

func TestInvalidScopeRetriesWithoutScope(t *testing.T) {
	sim, server, wire := simulator(t, ukgsim.Config{Scenario: "invalid-scope"})
	rep := Verify(context.Background(), demoRequest(ukgsim.DemoClientSecret), Options{Endpoint: server.URL})

	bodies, _, _ := wire.snapshot()
	if len(bodies) != 2 {
		t.Fatalf("%d token requests, want 2", len(bodies))
	}
	if !strings.Contains(bodies[0], "scope=") || strings.Contains(bodies[1], "scope=") {
		t.Errorf("token bodies = %q, want scope in the first only", bodies)
	}
	if !strings.Contains(rep.Checks[0].Message, "invalid_scope") {
		t.Errorf("token check message = %q", rep.Checks[0].Message)
	}
	if !strings.Contains(rep.Problems[0].Detail, "invalid_scope") {
		t.Errorf("detail = %q", rep.Problems[0].Detail)
	}
	assertReadOnly(t, sim)
}

func TestLowerCaseTenantSuggestsUpperCase(t *testing.T) {
	_, server, _ := simulator(t, ukgsim.Config{})
	req := demoRequest(ukgsim.DemoClientSecret)
	req.Profile.Tenant = strings.ToLower(ukgsim.DemoTenant)
	rep := Verify(context.Background(), req, Options{Endpoint: server.URL})

	if problemCode(rep) != CodeWrongTenantOrHost {
		t.Fatalf("problems = %+v", rep.Problems)
	}
	if !strings.Contains(rep.Problems[0].Message, "try "+ukgsim.DemoTenant) {
		t.Errorf("message %q does not suggest the upper-case tenant", rep.Problems[0].Message)
	}
}

func TestLegacyTokenPath(t *testing.T) {
	sim, server, _ := simulator(t, ukgsim.Config{})
	req := demoRequest(ukgsim.DemoClientSecret)
	req.Profile.IdentityHost = "login.ultipro.com"
	rep := Verify(context.Background(), req, Options{Endpoint: server.URL})

	if rep.Status != StatusVerified {
		t.Fatalf("status = %q, problems %+v", rep.Status, rep.Problems)
	}
	if got := sim.Requests()[0].Path; got != "/t/"+ukgsim.DemoTenant+"/token" {
		t.Errorf("token path = %q", got)
	}
}

func TestNoScopesSaysReadCallsOnly(t *testing.T) {
	_, server, _ := simulator(t, ukgsim.Config{Scenario: "no-scopes"})
	rep := Verify(context.Background(), demoRequest(ukgsim.DemoClientSecret), Options{Endpoint: server.URL})

	scopes := rep.Checks[1]
	if scopes.Status != CheckSkipped || !strings.Contains(scopes.Message, "confirmed by read calls only") {
		t.Errorf("scopes check = %+v", scopes)
	}
	if len(rep.GrantedScopes) != 0 {
		t.Errorf("granted scopes = %v, want none", rep.GrantedScopes)
	}
}

func TestDropTimesOutAndCancels(t *testing.T) {
	sim, server, _ := simulator(t, ukgsim.Config{Scenario: "drop"})

	t.Run("timeout", func(t *testing.T) {
		started := time.Now()
		rep := Verify(context.Background(), demoRequest(ukgsim.DemoClientSecret),
			Options{Endpoint: server.URL, ConnectTimeout: 200 * time.Millisecond})
		if elapsed := time.Since(started); elapsed > 10*time.Second {
			t.Errorf("timeout took %v", elapsed)
		}
		if problemCode(rep) != CodeTimeout {
			t.Fatalf("problems = %+v", rep.Problems)
		}
		host := strings.TrimPrefix(server.URL, "http://")
		if !strings.Contains(rep.Problems[0].Message, "Could not reach UKG at "+host) {
			t.Errorf("message %q does not name %s", rep.Problems[0].Message, host)
		}
	})

	t.Run("cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		before := len(sim.Requests())
		done := make(chan *Report, 1)
		go func() { done <- Verify(ctx, demoRequest(ukgsim.DemoClientSecret), Options{Endpoint: server.URL}) }()
		time.Sleep(100 * time.Millisecond)
		cancel()
		select {
		case rep := <-done:
			if rep.Status != StatusCancelled || problemCode(rep) != CodeCancelled {
				t.Errorf("status = %q, problems %+v", rep.Status, rep.Problems)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("Verify did not return after cancel")
		}
		if len(sim.Requests()) < before {
			t.Error("request records lost")
		}
	})

	t.Run("cancelled before start", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		before := len(sim.Requests())
		rep := Verify(ctx, demoRequest(ukgsim.DemoClientSecret), Options{Endpoint: server.URL})
		if rep.Status != StatusCancelled {
			t.Errorf("status = %q", rep.Status)
		}
		if got := len(sim.Requests()); got != before {
			t.Errorf("%d requests after an early cancel", got-before)
		}
	})
}

func TestCancelDuringRetryWait(t *testing.T) {
	_, server, _ := simulator(t, ukgsim.Config{Scenario: "rate-limited", RateLimited: 100})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(200*time.Millisecond, cancel)

	started := time.Now()
	rep := Verify(ctx, demoRequest(ukgsim.DemoClientSecret), Options{Endpoint: server.URL})
	if elapsed := time.Since(started); elapsed > 5*time.Second {
		t.Errorf("cancel during retry wait took %v", elapsed)
	}
	if rep.Status != StatusCancelled {
		t.Errorf("status = %q, problems %+v", rep.Status, rep.Problems)
	}
}

func TestSkippedChecksReported(t *testing.T) {
	_, server, _ := simulator(t, ukgsim.Config{Scenario: "invalid-client"})
	var mu sync.Mutex
	final := map[string]string{}
	opts := Options{Endpoint: server.URL, Progress: func(e Event) {
		mu.Lock()
		defer mu.Unlock()
		final[e.Check] = e.Status
	}}
	rep := Verify(context.Background(), demoRequest(ukgsim.DemoClientSecret), opts)

	for _, c := range rep.Checks {
		want := CheckSkipped
		if c.Name == "token" {
			want = CheckFailed
		}
		if c.Status != want || final[c.Name] != want {
			t.Errorf("check %s: status %q, last event %q, want %q", c.Name, c.Status, final[c.Name], want)
		}
	}
}
