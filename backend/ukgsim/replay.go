package ukgsim

import (
	"mime"
	"net/http"
	"strings"
)

// Replay makes the simulator respond like the UKG of a recorded
// verification, so support sees the customer's screens. The credentials of
// the token request are not checked, because a support snapshot has no
// client secret.
type Replay struct {
	// Token is the recorded token response. A status of 200 issues a token
	// for Granted; any other status is written back as recorded.
	Token Response
	// Granted are the scopes the recorded token carried.
	Granted []string
	// ScopeSource is where the recorded response listed the scopes:
	// "token_response", "token_claims" or "none".
	ScopeSource string
	// Probes are the recorded read responses by resource name, such as
	// "applications". A missing entry or a 200 is served normally.
	Probes map[string]Response
	// Silent holds the token request without a response, as when the
	// recorded request timed out.
	Silent bool
}

// Response is one recorded HTTP response.
type Response struct {
	Status      int    `json:"status"`
	ContentType string `json:"content_type"`
	// Error is the RFC 6749 error code of a JSON error body, if any.
	Error string `json:"error,omitempty"`
}

// replayScenario maps the recorded scope source to the scenario whose token
// response has the same shape.
func replayScenario(source string) string {
	switch source {
	case "token_claims":
		return "jwt-scopes"
	case "none":
		return "no-scopes"
	}
	return "ok"
}

// serveReplay answers r from the recorded responses, falling back to the
// normal handlers for recorded successes.
func (s *Server) serveReplay(w http.ResponseWriter, r *http.Request) {
	replay := s.cfg.Replay
	if isTokenPath(r.URL.Path) {
		switch {
		case replay.Silent:
			s.hold(r)
		case replay.Token.Status != http.StatusOK || !isJSON(replay.Token.ContentType):
			writeRecorded(w, replay.Token)
		default:
			s.writeToken(w, replay.Granted)
		}
		return
	}
	resource := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	if recorded, ok := replay.Probes[resource]; ok && recorded.Status != http.StatusOK {
		writeRecorded(w, recorded)
		return
	}
	s.mux.ServeHTTP(w, r)
}

func isJSON(contentType string) bool {
	mediaType, _, _ := mime.ParseMediaType(contentType)
	return strings.HasSuffix(mediaType, "json")
}

func isTokenPath(path string) bool {
	return strings.HasSuffix(path, "/access_token") || strings.HasSuffix(path, "/token")
}

// writeRecorded writes a response with the recorded status and the kind of
// body its content type names.
func writeRecorded(w http.ResponseWriter, recorded Response) {
	if recorded.Status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "1")
	}
	mediaType, _, _ := mime.ParseMediaType(recorded.ContentType)
	switch {
	case mediaType == "text/html":
		page := notFoundPage
		if recorded.Status == http.StatusOK || recorded.Status == http.StatusServiceUnavailable {
			page = maintenancePage
		}
		writeHTML(w, recorded.Status, page)
	case isJSON(recorded.ContentType):
		code := recorded.Error
		if code == "" {
			code = strings.ToLower(strings.ReplaceAll(http.StatusText(recorded.Status), " ", "_"))
		}
		writeOAuthError(w, recorded.Status, code, "recorded response replayed by the UKG simulator")
	default:
		http.Error(w, http.StatusText(recorded.Status), recorded.Status)
	}
}
