package verify

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// maxBodySize is the maximum number of bytes read from a token response.
const maxBodySize = 1 << 20

// httpResult is one HTTP response, with its body read in full.
type httpResult struct {
	status      int
	contentType string
	header      http.Header
	body        []byte
}

// tokenCapture keeps the raw token response, because x/oauth2 v0.38.0
// drops the body of a successful response it cannot read, for example one
// with "token" in place of "access_token" or an HTML page.
type tokenCapture struct {
	base   http.RoundTripper
	result *httpResult
}

func (c *tokenCapture) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("Authorization") != "" {
		return nil, fmt.Errorf("token request to %s carries an Authorization header: %w", req.URL.Host, errHostNotAllowed)
	}
	req = req.Clone(req.Context())
	req.Header.Set("Accept", "application/json")
	resp, err := c.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodySize))
	if err != nil {
		return nil, fmt.Errorf("read token response from %s: %w", req.URL.Host, err)
	}
	c.result = &httpResult{
		status:      resp.StatusCode,
		contentType: resp.Header.Get("Content-Type"),
		header:      resp.Header,
		body:        body,
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// postToken sends one client-credentials token request with the
// credentials in the form body. AuthStyleInParams is pinned because the zero
// value first tries Basic auth and then sends the secret a second time.
func (r *run) postToken(ctx context.Context, scopes []string) (*httpResult, error) {
	ctx, cancel := attemptContext(ctx, r.opts)
	defer cancel()

	capture := &tokenCapture{base: hostGuard{base: r.http, allowed: r.targets.tokenURL}}
	client := &http.Client{Transport: capture, CheckRedirect: noRedirects}
	config := clientcredentials.Config{
		ClientID:     r.req.Profile.ClientID,
		ClientSecret: r.req.Secret.Reveal(),
		TokenURL:     r.targets.tokenURL.String(),
		Scopes:       scopes,
		AuthStyle:    oauth2.AuthStyleInParams,
	}
	_, err := config.Token(context.WithValue(ctx, oauth2.HTTPClient, client))

	// parseTokenResponse reads the captured response, whatever x/oauth2
	// made of it. Without a response, err is the transport error.
	if capture.result != nil {
		return capture.result, nil
	}
	return nil, err
}

// tokenStep obtains the token and records the token check. After
// invalid_scope it sends one more request without scope to learn the
// granted list.
func (r *run) tokenStep(ctx context.Context) (tokenReply, bool) {
	started := r.begin(0)
	host := r.targets.tokenURL.Host

	res, err := r.withRetries(ctx, "token", func() (*httpResult, error) { return r.postToken(ctx, r.scopes) })
	if err != nil {
		problem := r.classifyError(err, host)
		r.end(0, started, nil, &problem, "")
		return tokenReply{}, false
	}
	reply, problem := r.classifyToken(res)
	if problem != nil && reply.ErrorCode == "invalid_scope" {
		return r.retryWithoutScope(ctx, started, res, *problem)
	}
	r.end(0, started, res, problem, "")
	if problem != nil {
		r.report.MissingScopes = missingOnError(problem, r.scopes)
		return tokenReply{}, false
	}
	r.token = reply.AccessToken
	return reply, true
}

// retryWithoutScope repeats the token request without scope after
// invalid_scope, so that the report can name the missing scopes.
func (r *run) retryWithoutScope(ctx context.Context, started time.Time, first *httpResult, rejected Problem) (tokenReply, bool) {
	r.log.Info("token request rejected with invalid_scope, retrying once without scope")
	res, err := r.withRetries(ctx, "token", func() (*httpResult, error) { return r.postToken(ctx, nil) })
	var reply tokenReply
	var problem *Problem
	if err == nil {
		reply, problem = r.classifyToken(res)
	}
	if err != nil || problem != nil {
		r.log.Warn("token request without scope failed too")
		r.report.MissingScopes = orderScopes(r.scopes)
		r.end(0, started, first, &rejected, "")
		return tokenReply{}, false
	}
	r.token = reply.AccessToken
	r.scopeRejection = &rejected
	r.end(0, started, res, nil, "UKG rejected the requested scopes (invalid_scope). "+
		"A second request without scope returned a token, to learn which scopes are granted.")
	return reply, true
}

// missingOnError lists every requested scope as missing when UKG rejected
// the scope request without saying which scope it lacks.
func missingOnError(problem *Problem, requested []string) []string {
	if problem.Code == CodeMissingScopes {
		return orderScopes(requested)
	}
	return []string{}
}

// classifyToken reads a token response and returns the problem it shows, if any.
func (r *run) classifyToken(res *httpResult) (tokenReply, *Problem) {
	host := r.targets.tokenURL.Host
	status := map[string]string{"status": strconv.Itoa(res.status)}
	detail := r.detail(http.MethodPost, r.targets.tokenURL.String(), res, tokenReply{})
	if res.status == http.StatusTooManyRequests {
		return tokenReply{}, r.problem(CodeRateLimited, host, detail, nil)
	}
	if isHTML(res) {
		code := CodeWrongTenantOrHost
		if looksLikeMaintenance(res) || res.status == http.StatusServiceUnavailable {
			code = CodeUKGUnavailable
		}
		return tokenReply{}, r.problem(code, host, detail, status)
	}

	reply, parseErr := parseTokenResponse(res.body)
	detail = r.detail(http.MethodPost, r.targets.tokenURL.String(), res, reply)
	if reply.ErrorCode != "" {
		return reply, r.problem(tokenErrorCode(reply.ErrorCode), host, detail, status)
	}
	if code := tokenStatusCode(res.status); code != "" {
		return reply, r.problem(code, host, detail, status)
	}

	if parseErr != nil {
		return reply, r.problem(CodeBadTokenResponse, host, detail+": "+parseErr.Error(),
			map[string]string{"fields": "none, the response is not a JSON object"})
	}
	if reply.AccessToken == "" {
		return reply, r.problem(CodeBadTokenResponse, host, detail,
			map[string]string{"fields": fieldList(reply.Fields)})
	}
	return reply, nil
}

// tokenErrorCode maps an RFC 6749 error code to a problem code.
func tokenErrorCode(errorCode string) string {
	switch errorCode {
	case "invalid_client":
		return CodeInvalidClient
	case "invalid_scope", "unauthorized_client":
		return CodeMissingScopes
	case "invalid_request", "invalid_grant", "unsupported_grant_type":
		return CodeInvalidRequest
	case "temporarily_unavailable", "server_error":
		return CodeUKGUnavailable
	}
	return CodeUnexpectedResponse
}

// tokenStatusCode maps a token response status without an RFC 6749 error
// code to a problem code, or "" for success.
func tokenStatusCode(status int) string {
	switch {
	case status >= 200 && status < 300:
		return ""
	case status >= 300 && status < 400, status == http.StatusNotFound, status == http.StatusGone:
		return CodeWrongTenantOrHost
	case status == http.StatusBadRequest:
		return CodeInvalidRequest
	case status == http.StatusUnauthorized, status == http.StatusForbidden:
		return CodeInvalidClient
	case status == http.StatusTooManyRequests:
		return CodeRateLimited
	case isUnavailableStatus(status):
		return CodeUKGUnavailable
	}
	return CodeUnexpectedResponse
}

func fieldList(fields []string) string {
	if len(fields) == 0 {
		return "none"
	}
	return strings.Join(fields, ", ")
}
