package verify

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/ukglink/ukglink/backend/ukg"
)

// Rate-limit retries: at most maxRetries more attempts, each after the
// Retry-After delay or a backoff from 1 s, never longer than maxRetryWait.
const (
	maxRetries   = 2
	maxRetryWait = 10 * time.Second
)

// maintenanceMarkers are words of an HTML maintenance page, in lower case.
//
// NOTE: no UKG maintenance page is public; these words are a best guess.
var maintenanceMarkers = []string{"maintenance", "temporarily unavailable", "scheduled downtime", "be right back"}

// maxDetailText bounds a server-provided text copied into a detail.
const maxDetailText = 200

// withRetries calls send until the response is not 429 or the retries are
// used up. A cancelled ctx stops the wait and returns ctx's error.
func (r *run) withRetries(ctx context.Context, check string, send func() (*httpResult, error)) (*httpResult, error) {
	for attempt := 1; ; attempt++ {
		res, err := send()
		if err != nil || res.status != http.StatusTooManyRequests || attempt > maxRetries {
			return res, err
		}
		wait := retryDelay(res.header.Get("Retry-After"), attempt)
		r.log.Info("rate limited, retrying", "check", check, "attempt", attempt, "wait_ms", wait.Milliseconds())
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, ctx.Err()
		case <-timer.C:
		}
	}
}

// retryDelay reads Retry-After as seconds or an HTTP date, else backs off
// 1 s, 2 s, 4 s by attempt.
func retryDelay(header string, attempt int) time.Duration {
	wait := time.Second << (attempt - 1)
	header = strings.TrimSpace(header)
	if seconds, err := strconv.Atoi(header); err == nil {
		wait = time.Duration(seconds) * time.Second
	} else if at, err := http.ParseTime(header); err == nil {
		wait = time.Until(at)
	}
	return min(max(wait, 0), maxRetryWait)
}

// problem builds the problem code for host, with the variables every
// template may use plus extra.
func (r *run) problem(code, host, detail string, extra map[string]string) *Problem {
	pf := r.req.Profile
	vars := map[string]string{
		"host":      host,
		"tenant":    pf.Tenant,
		"client_id": pf.ClientID,
		"scopes":    strings.Join(orderScopes(r.scopes), ", "),
		"seconds":   strconv.FormatFloat(min(r.opts.ConnectTimeout, r.opts.Timeout).Seconds(), 'f', -1, 64),
		"hint":      r.hintFor(code, host),
	}
	vars["token_url"] = ""
	if r.targets.tokenURL != nil {
		vars["token_url"] = r.targets.tokenURL.String()
	}
	vars["tenant_upper"] = strings.ToUpper(pf.Tenant)
	vars["other_hosts"] = otherIdentityHosts(r.targets.endpoints.IdentityHost)
	vars["required_scopes"] = strings.Join(ukg.RequiredScopeNames(), ", ")
	for name, value := range extra {
		vars[name] = value
	}
	p := newProblem(code, vars, r.redact(detail))
	return &p
}

// secretRedactor returns the redactor of the secret and, once issued, the
// token.
func (r *run) secretRedactor() redactor {
	return newRedactor(r.req.Secret.Reveal(), r.token)
}

// redact removes the secret and the token from text from a server, so that
// a response that echoes either reaches neither the log nor the report.
func (r *run) redact(text string) string {
	return r.secretRedactor().redact(text)
}

// serverText redacts and shortens a text that a server sent, for a detail.
// Redaction comes first so that shortening cannot cut a value into a form
// that no longer matches. The caller redacts the whole detail again, which
// removes any remaining piece of a value.
func (r *run) serverText(text string) string {
	return cleanText(r.redact(text), maxDetailText)
}

func (r *run) hintFor(code, host string) string {
	switch code {
	case CodeInvalidClient:
		return requestTextTemplate
	case CodeWrongTenantOrHost:
		// The token endpoint was not found: the tenant may need upper case,
		// or the tenant lives on another account type's identity host.
		if r.req.Profile.Tenant != strings.ToUpper(r.req.Profile.Tenant) {
			return hintUpperTenant + hintOtherHosts
		}
		return hintOtherHosts
	case CodeNotFound:
		if r.req.Profile.Tenant != strings.ToUpper(r.req.Profile.Tenant) {
			return hintUpperTenant
		}
	case CodeDNSFailure, CodeTLSFailure:
		if r.targets.tokenURL != nil && host == r.targets.tokenURL.Host {
			return hintOtherHosts
		}
		return hintSubdomain
	}
	return ""
}

// classifyError maps a transport error, or a context error, to a problem.
func (r *run) classifyError(err error, host string) Problem {
	code := errorCode(err, r.caller)
	detail := "request to " + host + " failed: " + cleanText(r.redact(err.Error()), 4*maxDetailText)
	return *r.problem(code, host, detail, nil)
}

func errorCode(err error, caller context.Context) string {
	var dnsErr *net.DNSError
	switch {
	case errors.Is(caller.Err(), context.Canceled), errors.Is(err, context.Canceled):
		return CodeCancelled
	case errors.Is(err, errHostNotAllowed):
		return CodeHostNotAllowed
	case errors.As(err, &dnsErr):
		if dnsErr.IsTimeout {
			return CodeTimeout
		}
		return CodeDNSFailure
	case isTLSError(err):
		return CodeTLSFailure
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return CodeTimeout
	}
	return CodeUnreachable
}

func isTLSError(err error) bool {
	var verifyErr *tls.CertificateVerificationError
	var authorityErr x509.UnknownAuthorityError
	var hostnameErr x509.HostnameError
	var invalidErr x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	var alertErr tls.AlertError
	if errors.As(err, &verifyErr) || errors.As(err, &authorityErr) || errors.As(err, &hostnameErr) ||
		errors.As(err, &invalidErr) || errors.As(err, &recordErr) || errors.As(err, &alertErr) {
		return true
	}
	// http.Client replaces the record error of a server that responds to the
	// TLS handshake in plain HTTP with this sentinel.
	if errors.Is(err, http.ErrSchemeMismatch) {
		return true
	}
	// Alerts sent by the server have an unexported type in crypto/tls.
	text := err.Error()
	return strings.Contains(text, "tls: ") || strings.Contains(text, "x509: ")
}

func isTimeout(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}

// detail describes a response for support: request, status, content type
// and the RFC 6749 error fields when present.
func (r *run) detail(method, target string, res *httpResult, reply tokenReply) string {
	parts := []string{method + " " + target}
	if res != nil {
		parts = append(parts, fmt.Sprintf("HTTP %d", res.status))
		contentType := res.contentType
		if contentType == "" {
			contentType = "none"
		}
		parts = append(parts, "content type "+r.serverText(contentType))
		if location := res.header.Get("Location"); location != "" {
			parts = append(parts, "redirect to "+r.serverText(location)+" not followed")
		}
	}
	if reply.ErrorCode != "" {
		parts = append(parts, "error "+r.serverText(reply.ErrorCode))
	}
	if reply.ErrorDescription != "" {
		parts = append(parts, "error_description "+r.serverText(reply.ErrorDescription))
	}
	return strings.Join(parts, ", ")
}

// cleanText shortens a server-provided text and replaces control characters.
func cleanText(text string, limit int) string {
	runes := []rune(text)
	if len(runes) > limit {
		runes = append(runes[:limit], '…')
	}
	for i, c := range runes {
		if unicode.IsControl(c) {
			runes[i] = ' '
		}
	}
	return string(runes)
}

func isHTML(res *httpResult) bool {
	mediaType, _, _ := mime.ParseMediaType(res.contentType)
	if mediaType == "text/html" || mediaType == "application/xhtml+xml" {
		return true
	}
	start := bytes.ToLower(bytes.TrimSpace(res.body[:min(len(res.body), 512)]))
	return bytes.HasPrefix(start, []byte("<!doctype html")) || bytes.HasPrefix(start, []byte("<html"))
}

func looksLikeMaintenance(res *httpResult) bool {
	body := strings.ToLower(string(res.body))
	for _, marker := range maintenanceMarkers {
		if strings.Contains(body, marker) {
			return true
		}
	}
	return false
}

func isUnavailableStatus(status int) bool {
	return status == http.StatusBadGateway || status == http.StatusServiceUnavailable ||
		status == http.StatusGatewayTimeout
}
