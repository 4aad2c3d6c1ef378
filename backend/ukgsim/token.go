package ukgsim

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/ukglink/ukglink/backend/ukg"
)

// tokenLifetime is the expires_in of every issued token.
const tokenLifetime = time.Hour

// claims is the payload of an issued token. Grants holds the scopes when
// the scope claim is left out on purpose, so the API can still check them.
type claims struct {
	Issuer   string `json:"iss"`
	Subject  string `json:"sub"`
	Tenant   string `json:"tenant"`
	IssuedAt int64  `json:"iat"`
	Expiry   int64  `json:"exp"`
	ID       string `json:"jti"`
	Scope    string `json:"scope,omitempty"`
	Grants   string `json:"ukgsim_grants,omitempty"`
}

func (c claims) scopes() []string {
	return strings.Fields(c.Scope + " " + c.Grants)
}

var (
	errNoBearer     = errors.New("no bearer token")
	errTokenInvalid = errors.New("token not issued by this simulator")
	errTokenExpired = errors.New("token expired")
)

// serveToken serves POST on both token path forms.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeOAuthError(w, http.StatusMethodNotAllowed, "invalid_request", "use POST")
		return
	}
	if r.PathValue("tenant") != s.cfg.Tenant {
		writeHTML(w, http.StatusNotFound, notFoundPage)
		return
	}
	if code, description := s.checkTokenRequest(r); code != "" {
		status := http.StatusBadRequest
		if code == "invalid_client" {
			status = http.StatusUnauthorized
		}
		s.log.Info("token request rejected", "error", code)
		writeOAuthError(w, status, code, description)
		return
	}
	granted, ok := s.grant(strings.Fields(r.PostForm.Get("scope")))
	if !ok {
		s.log.Info("token request rejected", "error", "invalid_scope")
		writeOAuthError(w, http.StatusBadRequest, "invalid_scope", "one or more requested scopes are not enabled for this client")
		return
	}
	s.writeToken(w, granted)
}

// checkTokenRequest returns the RFC 6749 error of an invalid request, or "".
// Credentials count only in the form body, compared byte for byte.
func (s *Server) checkTokenRequest(r *http.Request) (string, string) {
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType != "application/x-www-form-urlencoded" {
		return "invalid_request", "the body must be application/x-www-form-urlencoded"
	}
	if err := r.ParseForm(); err != nil {
		return "invalid_request", "the form body cannot be parsed"
	}
	if r.PostForm.Get("grant_type") != "client_credentials" {
		return "unsupported_grant_type", "grant_type must be client_credentials"
	}
	id := r.PostForm.Get("client_id")
	secret := r.PostForm.Get("client_secret")
	if s.cfg.Scenario == "invalid-client" || !equal(id, s.cfg.ClientID) || !equal(secret, s.cfg.ClientSecret) {
		return "invalid_client", "client authentication failed"
	}
	return "", ""
}

func equal(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// grant returns the scopes to issue for requested. An empty request gets
// every allowed scope. It reports false when invalid-scope must reject it.
func (s *Server) grant(requested []string) ([]string, bool) {
	allowed := ukg.RequiredScopeNames()
	if s.cfg.Scenario == "missing-scopes" || s.cfg.Scenario == "invalid-scope" {
		allowed = slices.DeleteFunc(allowed, func(name string) bool { return slices.Contains(s.cfg.Withheld, name) })
	}
	if len(requested) == 0 {
		return allowed, true
	}
	var granted []string
	for _, name := range requested {
		if slices.Contains(allowed, name) {
			granted = append(granted, name)
		} else if s.cfg.Scenario == "invalid-scope" {
			return nil, false
		}
	}
	return granted, true
}

// writeToken issues a token for granted and writes the response in the
// form the scenario requires.
func (s *Server) writeToken(w http.ResponseWriter, granted []string) {
	c := claims{
		Issuer:   "ukgsim",
		Subject:  s.cfg.ClientID,
		Tenant:   s.cfg.Tenant,
		IssuedAt: time.Now().Unix(),
		Expiry:   time.Now().Add(tokenLifetime).Unix(),
		ID:       rand.Text(),
		Scope:    strings.Join(granted, " "),
	}
	shape := s.cfg.Scenario
	if s.cfg.Replay != nil {
		shape = replayScenario(s.cfg.Replay.ScopeSource)
	}
	if shape == "no-scopes" {
		c.Scope, c.Grants = "", c.Scope
	}
	body := map[string]any{
		"access_token": s.sign(c),
		"token_type":   "Bearer",
		"expires_in":   int(tokenLifetime.Seconds()),
		"scope":        strings.Join(granted, " "),
	}
	switch shape {
	case "token-field":
		body["token"] = body["access_token"]
		delete(body, "access_token")
	case "string-expires":
		body["expires_in"] = "3600"
	case "comma-scopes":
		body["scope"] = strings.Join(granted, ",")
	case "jwt-scopes", "no-scopes":
		delete(body, "scope")
	}
	s.log.Info("token issued", "scopes", len(granted), "scenario", s.cfg.Scenario)
	writeJSON(w, http.StatusOK, body)
}

var jwtHeader = base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))

// sign returns c as a JWT signed with HMAC-SHA256 and the server's key.
func (s *Server) sign(c claims) string {
	payload, _ := json.Marshal(c)
	unsigned := jwtHeader + "." + base64.RawURLEncoding.EncodeToString(payload)
	return unsigned + "." + base64.RawURLEncoding.EncodeToString(s.mac(unsigned))
}

func (s *Server) mac(unsigned string) []byte {
	h := hmac.New(sha256.New, s.key)
	h.Write([]byte(unsigned))
	return h.Sum(nil)
}

// bearerClaims returns the claims of the bearer token of r, which must be
// one this server issued and still valid.
func (s *Server) bearerClaims(r *http.Request) (claims, error) {
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Bearer") || token == "" {
		return claims{}, errNoBearer
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return claims{}, errTokenInvalid
	}
	signature, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || !hmac.Equal(signature, s.mac(parts[0]+"."+parts[1])) {
		return claims{}, errTokenInvalid
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	var c claims
	if err != nil || json.Unmarshal(payload, &c) != nil {
		return claims{}, errTokenInvalid
	}
	if time.Now().Unix() >= c.Expiry {
		return claims{}, errTokenExpired
	}
	return c, nil
}

func writeOAuthError(w http.ResponseWriter, status int, code, description string) {
	writeJSON(w, status, map[string]string{"error": code, "error_description": description})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}

func writeHTML(w http.ResponseWriter, status int, page string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write([]byte(page))
}

const notFoundPage = `<!DOCTYPE html>
<html><head><title>404 - Page Not Found</title></head>
<body><h1>Page Not Found</h1><p>The page you requested does not exist.</p></body></html>
`

const maintenancePage = `<!DOCTYPE html>
<html><head><title>Scheduled Maintenance</title></head>
<body><h1>We'll be back soon</h1>
<p>UKG Pro is undergoing scheduled maintenance and is temporarily unavailable.</p></body></html>
`
