package verify

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/ukglink/ukglink/backend/ukg"
)

// maxProbeBody is the maximum number of bytes read from a probe response.
// A probe requests one record, so this is ample.
const maxProbeBody = 256 << 10

// scopeStep compares the granted scopes with the requested ones.
func (r *run) scopeStep(reply tokenReply) {
	const check = 1
	started := r.begin(check)
	r.report.ScopeSource = reply.ScopeSource
	r.report.GrantedScopes = append([]string{}, reply.Scopes...)

	if reply.ScopeSource == ScopeSourceNone {
		if rejected := r.scopeRejection; rejected != nil {
			r.report.MissingScopes = orderScopes(r.scopes)
			r.end(check, started, nil, rejected, "")
			return
		}
		r.record(check, started, nil, nil, "UKG did not return the granted scopes, "+
			"so scopes are confirmed by read calls only.", CheckSkipped)
		return
	}

	var missing []string
	for _, name := range orderScopes(r.scopes) {
		if !slices.Contains(reply.Scopes, name) {
			missing = append(missing, name)
		}
	}
	if len(missing) == 0 {
		r.end(check, started, nil, nil, "")
		return
	}
	r.report.MissingScopes = missing
	detail := "granted scopes (" + reply.ScopeSource + "): " + strings.Join(reply.Scopes, " ")
	if r.scopeRejection != nil {
		detail = r.scopeRejection.Detail + "; " + detail
	}
	problem := r.problem(CodeMissingScopes, r.targets.tokenURL.Host, detail,
		map[string]string{"scopes": strings.Join(missing, ", ")})
	r.end(check, started, nil, problem, "")
}

// orderScopes returns names with the required scopes first, in table
// order, then any others in their given order.
func orderScopes(names []string) []string {
	ordered := []string{}
	for _, required := range ukg.RequiredScopeNames() {
		if slices.Contains(names, required) {
			ordered = append(ordered, required)
		}
	}
	for _, name := range names {
		if !slices.Contains(ordered, name) {
			ordered = append(ordered, name)
		}
	}
	return ordered
}

// probeStep runs every probe at once over the shared transport.
func (r *run) probeStep(ctx context.Context, token string) {
	client := &http.Client{
		Transport:     hostGuard{base: r.http, allowed: r.targets.apiBase},
		CheckRedirect: sameHostRedirects,
	}
	if r.opts.sequentialProbes {
		for i, p := range ukg.Probes {
			r.probe(ctx, client, 2+i, p, token)
		}
		return
	}
	var wg sync.WaitGroup
	for i, p := range ukg.Probes {
		wg.Go(func() { r.probe(ctx, client, 2+i, p, token) })
	}
	wg.Wait()
}

func (r *run) probe(ctx context.Context, client *http.Client, check int, p ukg.Probe, token string) {
	started := r.begin(check)
	target := r.targets.apiBase.String() + p.Path
	host := r.targets.apiBase.Host

	res, err := r.withRetries(ctx, "probe:"+p.Name, func() (*httpResult, error) {
		return getProbe(ctx, client, r.opts, target, token)
	})
	if err != nil {
		problem := r.classifyError(err, host)
		r.end(check, started, nil, &problem, "")
		return
	}
	problem := r.classifyProbe(res, p, target)
	if problem != nil && problem.Code == CodePermissionDenied {
		r.mu.Lock()
		r.deniedScopes = append(r.deniedScopes, p.Scope)
		r.mu.Unlock()
	}
	r.end(check, started, res, problem, "")
}

// addDeniedScopes adds the scope of each probe that UKG rejected with 403
// to the missing scopes, in table order and without duplicates.
//
// A 403 is evidence, not proof, that the probe's scope is missing: UKG
// admits each endpoint with any one of several scopes, and the read path of
// applicant-sources is inferred. The scope is listed even when the token
// names it as granted, because the admin needs it in the request to UKG
// support either way.
func (r *run) addDeniedScopes() {
	if len(r.deniedScopes) == 0 {
		return
	}
	missing := append(slices.Clone(r.report.MissingScopes), r.deniedScopes...)
	r.report.MissingScopes = orderScopes(missing)
}

// getProbe sends one GET with the bearer token and reads the response.
func getProbe(ctx context.Context, client *http.Client, opts Options, target, token string) (*httpResult, error) {
	ctx, cancel := attemptContext(ctx, opts)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxProbeBody))
	if err != nil {
		return nil, err
	}
	return &httpResult{
		status:      resp.StatusCode,
		contentType: resp.Header.Get("Content-Type"),
		header:      resp.Header,
		body:        body,
	}, nil
}

// classifyProbe returns the problem a probe response shows, or nil.
func (r *run) classifyProbe(res *httpResult, p ukg.Probe, target string) *Problem {
	host := r.targets.apiBase.Host
	reply, _ := parseTokenResponse(res.body)
	detail := r.detail(http.MethodGet, target, res, reply)
	vars := map[string]string{"probe": p.Name, "scope": p.Scope, "status": strconv.Itoa(res.status)}

	switch status := res.status; {
	case status == http.StatusOK && !isHTML(res) && json.Valid(res.body):
		return nil
	case status == http.StatusUnauthorized:
		return r.problem(CodeTokenNotAccepted, host, detail, vars)
	case status == http.StatusForbidden:
		if slices.Contains(r.report.GrantedScopes, p.Scope) {
			detail += "; the token lists " + p.Scope + " as granted"
		}
		return r.problem(CodePermissionDenied, host, detail, vars)
	case status == http.StatusNotFound:
		return r.problem(CodeNotFound, host, detail, vars)
	case status == http.StatusTooManyRequests:
		return r.problem(CodeRateLimited, host, detail, vars)
	case isUnavailableStatus(status), isHTML(res) && looksLikeMaintenance(res):
		return r.problem(CodeUKGUnavailable, host, detail, vars)
	}
	return r.problem(CodeUnexpectedResponse, host, detail, vars)
}
