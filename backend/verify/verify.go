// Package verify checks that a linked UKG Pro Recruiting account works: it
// requests an OAuth 2.0 client-credentials token, compares the granted
// scopes with the requested ones and reads a few lists with the token.
//
// Verification never writes to UKG: the token request is the only POST and
// every probe is a GET. The client secret goes only to an allow-listed
// identity host and the token only to the web-service host, both over HTTPS.
// The one exception is Options.Endpoint, a loopback address for tests and
// the demo mode.
package verify

import (
	"context"
	"crypto/x509"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/secret"
	"github.com/ukglink/ukglink/backend/ukg"
)

// Default limits of a verification.
const (
	DefaultTimeout        = 60 * time.Second
	DefaultConnectTimeout = 20 * time.Second
)

// Report statuses.
const (
	StatusVerified  = "verified"
	StatusFailed    = "failed"
	StatusCancelled = "cancelled"
)

// Check and event statuses.
const (
	CheckRunning = "running"
	CheckOK      = "ok"
	CheckFailed  = "failed"
	CheckSkipped = "skipped"
)

// Request contains the account to verify.
type Request struct {
	// Profile has normalized values, see the parsers of package ukg.
	Profile profile.Profile
	Secret  secret.Secret
	// Scopes are the scopes to request. Nil means ukg.RequiredScopeNames().
	Scopes []string
}

// Options tune a verification. The zero value verifies against real UKG.
type Options struct {
	// Endpoint is "" for real UKG over HTTPS, else a loopback test or demo
	// URL such as http://127.0.0.1:8443 (see CheckEndpoint). The token
	// request and the probes then go to it with their UKG paths.
	Endpoint string
	// Timeout bounds the whole verification, 60 s by default.
	Timeout time.Duration
	// ConnectTimeout bounds each HTTP exchange with a host, from dialling to
	// the end of the response, 20 s by default.
	ConnectTimeout time.Duration
	// Progress, if set, is called from worker goroutines as checks run.
	Progress func(Event)
	Logger   *slog.Logger

	// DialContext replaces the TCP dialer, for tests.
	DialContext func(ctx context.Context, network, addr string) (net.Conn, error)
	// RootCAs replaces the system certificate pool, for tests.
	RootCAs *x509.CertPool
	// Proxy replaces the proxy read from HTTPS_PROXY and NO_PROXY, for tests.
	Proxy func(*http.Request) (*url.URL, error)

	// sequentialProbes runs the probes one after another. Only the latency
	// benchmark sets it, as the baseline that concurrent probes must beat.
	sequentialProbes bool
}

// Event is a progress notice. Check is "token", "scopes" or "probe:<name>".
type Event struct {
	Check   string `json:"check"`
	Status  string `json:"status"`
	Message string `json:"message,omitempty"`
}

// Report is the result of one verification. It is safe to save and show:
// it never contains the secret or the token.
type Report struct {
	Status     string    `json:"status"`
	StartedAt  time.Time `json:"started_at"`
	DurationMS int64     `json:"duration_ms"`
	// Endpoints has the URLs used. In simulated mode TokenURL and APIBaseURL
	// point at the endpoint while the host names stay those of the profile.
	Endpoints     ukg.Endpoints `json:"endpoints"`
	Simulated     bool          `json:"simulated"`
	Checks        []Check       `json:"checks"`
	GrantedScopes []string      `json:"granted_scopes"`
	ScopeSource   string        `json:"scope_source"`
	MissingScopes []string      `json:"missing_scopes"`
	Problems      []Problem     `json:"problems"`
}

// Check is one step of a verification.
type Check struct {
	Name        string `json:"name"`
	Method      string `json:"method,omitempty"`
	URL         string `json:"url,omitempty"`
	HTTPStatus  int    `json:"http_status,omitempty"`
	ContentType string `json:"content_type,omitempty"`
	DurationMS  int64  `json:"duration_ms"`
	Status      string `json:"status"`
	// Problem is the code of the problem this check found, if any.
	Problem string `json:"problem,omitempty"`
	Message string `json:"message,omitempty"`
}

// Problem is one finding for the admin. Message tells the admin what to do
// next and Detail is technical text for support.
type Problem struct {
	Code    string `json:"code"`
	Field   string `json:"field"`
	Title   string `json:"title"`
	Message string `json:"message"`
	Detail  string `json:"detail"`
}

// run is the state of one verification.
type run struct {
	req     Request
	opts    Options
	caller  context.Context
	log     *slog.Logger
	targets targets
	scopes  []string
	http    *http.Transport

	mu       sync.Mutex
	report   *Report
	begun    []bool // by check index
	problems []checkProblem
	// token is the access token once issued, kept only to redact it.
	token string
	// scopeRejection is the invalid_scope problem of the first token
	// request, set when a second request without scope succeeded.
	scopeRejection *Problem
	// deniedScopes are the scopes of the probes that UKG rejected with 403.
	deniedScopes []string
}

// checkProblem is a problem with the index of the check that found it, or
// -1, so that the report lists problems in check order.
type checkProblem struct {
	check   int
	problem Problem
}

// Verify checks req and returns its report, never nil. Cancelling ctx stops
// the verification at any point with status "cancelled".
func Verify(ctx context.Context, req Request, opts Options) *Report {
	opts = withDefaults(opts)
	r := &run{req: req, opts: opts, caller: ctx, log: opts.Logger, scopes: req.Scopes}
	if r.scopes == nil {
		r.scopes = ukg.RequiredScopeNames()
	}
	r.report = newReport(opts.Endpoint != "")
	r.begun = make([]bool, len(r.report.Checks))
	r.log.Info("verification started", "tenant", req.Profile.Tenant, "client_id", req.Profile.ClientID,
		"simulated", r.report.Simulated, "scopes", len(r.scopes))

	runCtx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	r.execute(runCtx)

	r.finish()
	r.log.Info("verification finished", "status", r.report.Status,
		"problems", problemCodes(r.report.Problems), "duration_ms", r.report.DurationMS)
	return r.report
}

func withDefaults(opts Options) Options {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = DefaultConnectTimeout
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return opts
}

func newReport(simulated bool) *Report {
	rep := &Report{
		StartedAt:     time.Now().UTC(),
		Simulated:     simulated,
		GrantedScopes: []string{},
		ScopeSource:   ScopeSourceNone,
		MissingScopes: []string{},
		Problems:      []Problem{},
	}
	rep.Checks = append(rep.Checks, Check{Name: "token", Method: http.MethodPost, Status: CheckSkipped})
	rep.Checks = append(rep.Checks, Check{Name: "scopes", Status: CheckSkipped})
	for _, p := range ukg.Probes {
		rep.Checks = append(rep.Checks, Check{Name: "probe:" + p.Name, Method: http.MethodGet, Status: CheckSkipped})
	}
	return rep
}

// execute runs the checks in order: addresses, token, scopes, probes.
func (r *run) execute(ctx context.Context) {
	t, problem := resolveTargets(r.req, r.opts.Endpoint)
	if problem != nil {
		r.log.Warn("verification input rejected", "code", problem.Code, "field", problem.Field, "detail", problem.Detail)
		r.addProblem(-1, *problem)
		return
	}
	r.targets = t
	r.report.Endpoints = t.endpoints
	r.report.Checks[0].URL = t.tokenURL.String()
	for i, p := range ukg.Probes {
		r.report.Checks[2+i].URL = t.apiBase.String() + p.Path
	}
	if ctx.Err() != nil {
		r.addProblem(-1, r.classifyError(ctx.Err(), t.tokenURL.Host))
		return
	}

	r.http = newTransport(r.opts, len(ukg.Probes)+1)
	defer r.http.CloseIdleConnections()

	reply, ok := r.tokenStep(ctx)
	if !ok {
		return
	}
	r.scopeStep(reply)
	r.probeStep(ctx, reply.AccessToken)
	r.addDeniedScopes()
}

// finish sets the status, the duration and the problem list, and removes
// any trace of the secret from the report.
func (r *run) finish() {
	rep := r.report
	// Concurrent probes that fail for one cause produce the same code and
	// message, and the report lists that problem once.
	slices.SortStableFunc(r.problems, func(a, b checkProblem) int { return a.check - b.check })
	rep.Problems = []Problem{}
	seen := map[string]bool{}
	for _, cp := range r.problems {
		key := cp.problem.Code + "\x00" + cp.problem.Message
		if !seen[key] {
			seen[key] = true
			rep.Problems = append(rep.Problems, cp.problem)
		}
	}
	rep.Status = StatusVerified
	for _, p := range rep.Problems {
		if p.Code == CodeCancelled {
			rep.Status = StatusCancelled
			break
		}
		rep.Status = StatusFailed
	}
	rep.DurationMS = time.Since(rep.StartedAt).Milliseconds()
	for i, c := range rep.Checks {
		if !r.begun[i] {
			r.notify(Event{Check: c.Name, Status: CheckSkipped})
		}
	}
	redactReport(rep, r.secretRedactor())
}

// addProblem records p as found by check i, or by no check when i is -1.
func (r *run) addProblem(i int, p Problem) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.problems = append(r.problems, checkProblem{check: i, problem: p})
}

// begin marks check i as running.
func (r *run) begin(i int) time.Time {
	r.mu.Lock()
	r.begun[i] = true
	r.report.Checks[i].Status = CheckRunning
	name := r.report.Checks[i].Name
	r.mu.Unlock()
	r.notify(Event{Check: name, Status: CheckRunning})
	return time.Now()
}

// end records the outcome of check i and its problem, if any.
func (r *run) end(i int, started time.Time, res *httpResult, problem *Problem, message string) {
	r.record(i, started, res, problem, message, CheckOK)
}

// record sets check i to status, or to failed when problem is set.
func (r *run) record(i int, started time.Time, res *httpResult, problem *Problem, message, status string) {
	r.mu.Lock()
	c := &r.report.Checks[i]
	c.DurationMS = time.Since(started).Milliseconds()
	c.Status, c.Message = status, message
	if res != nil {
		c.HTTPStatus, c.ContentType = res.status, res.contentType
	}
	if problem != nil {
		c.Status, c.Problem = CheckFailed, problem.Code
		if message == "" {
			c.Message = problem.Message
		}
		r.problems = append(r.problems, checkProblem{check: i, problem: *problem})
	}
	event := Event{Check: c.Name, Status: c.Status, Message: c.Message}
	r.mu.Unlock()

	if problem != nil {
		r.log.Warn("check failed", "check", event.Check, "code", problem.Code, "detail", problem.Detail)
	} else {
		r.log.Info("check finished", "check", event.Check, "status", event.Status)
	}
	r.notify(event)
}

func (r *run) notify(e Event) {
	if r.opts.Progress != nil {
		r.opts.Progress(e)
	}
}

func problemCodes(problems []Problem) []string {
	codes := make([]string, len(problems))
	for i, p := range problems {
		codes[i] = p.Code
	}
	return codes
}

// redactReport replaces the values of rd in every text of rep. The
// verifier never puts the secret or the token into a report, but a server
// response could echo either.
func redactReport(rep *Report, rd redactor) {
	clean := func(s *string) { *s = rd.redact(*s) }
	for i := range rep.Problems {
		p := &rep.Problems[i]
		clean(&p.Message)
		clean(&p.Detail)
	}
	for i := range rep.Checks {
		c := &rep.Checks[i]
		clean(&c.Message)
		clean(&c.URL)
		clean(&c.ContentType)
	}
}
