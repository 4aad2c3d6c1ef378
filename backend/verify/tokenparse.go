package verify

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Scope sources of a report.
const (
	ScopeSourceResponse = "token_response"
	ScopeSourceClaims   = "token_claims"
	ScopeSourceNone     = "none"
)

const (
	maxFieldNames  = 32
	maxFieldLength = 64
	maxJWTLength   = 16 << 10
)

// errNotJSONObject means a token response body is not a JSON object. It
// deliberately carries no part of the body.
var errNotJSONObject = errors.New("token response is not a JSON object")

// tokenReply is the content of a token response, read tolerantly.
type tokenReply struct {
	AccessToken string
	TokenType   string
	// ExpiresIn is in seconds, 0 when absent or unreadable.
	ExpiresIn   int64
	Scopes      []string
	ScopeSource string
	// Fields are the names of the JSON fields received, sorted, never their values.
	Fields           []string
	ErrorCode        string
	ErrorDescription string
}

// parseTokenResponse reads a JSON token or error response. It accepts
// "token" in place of "access_token", "expires_in" as a number or a string,
// and "scope" as a space- or comma-separated string or an array. Without a
// "scope" field it reads a "scope" or "scp" claim from the JWT payload,
// without checking the signature, because the scopes serve only the report.
func parseTokenResponse(body []byte) (tokenReply, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil || fields == nil {
		return tokenReply{}, errNotJSONObject
	}
	reply := tokenReply{
		AccessToken:      firstString(fields, "access_token", "token"),
		TokenType:        firstString(fields, "token_type"),
		ExpiresIn:        parseExpiresIn(fields["expires_in"]),
		Fields:           fieldNames(fields),
		ErrorCode:        firstString(fields, "error"),
		ErrorDescription: firstString(fields, "error_description"),
		ScopeSource:      ScopeSourceNone,
	}
	if scopes := parseScopeValue(fields["scope"]); len(scopes) > 0 {
		reply.Scopes, reply.ScopeSource = scopes, ScopeSourceResponse
	} else if scopes := jwtScopes(reply.AccessToken); len(scopes) > 0 {
		reply.Scopes, reply.ScopeSource = scopes, ScopeSourceClaims
	}
	return reply, nil
}

// firstString returns the first of names whose value is a JSON string.
func firstString(fields map[string]json.RawMessage, names ...string) string {
	for _, name := range names {
		var s string
		if json.Unmarshal(fields[name], &s) == nil && s != "" {
			return s
		}
	}
	return ""
}

func parseExpiresIn(raw json.RawMessage) int64 {
	var text string
	if json.Unmarshal(raw, &text) != nil {
		text = string(raw)
	}
	seconds, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	if err != nil || seconds <= 0 || math.IsNaN(seconds) {
		return 0
	}
	return int64(min(seconds, math.MaxInt32))
}

// parseScopeValue reads a scope string or an array of scope strings.
func parseScopeValue(raw json.RawMessage) []string {
	var text string
	if json.Unmarshal(raw, &text) == nil {
		return splitScopes(text)
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return splitScopes(strings.Join(list, " "))
	}
	return nil
}

// splitScopes splits on spaces and commas and drops duplicates.
func splitScopes(text string) []string {
	parts := strings.FieldsFunc(text, func(r rune) bool {
		return r == ',' || unicode.IsSpace(r)
	})
	var scopes []string
	for _, p := range parts {
		if !slices.Contains(scopes, p) {
			scopes = append(scopes, p)
		}
	}
	return scopes
}

// jwtScopes reads the scope or scp claim of a JWT payload.
func jwtScopes(token string) []string {
	parts := strings.Split(token, ".")
	if len(token) > maxJWTLength || len(parts) != 3 {
		return nil
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return nil
	}
	var claims map[string]json.RawMessage
	if json.Unmarshal(payload, &claims) != nil {
		return nil
	}
	if scopes := parseScopeValue(claims["scope"]); len(scopes) > 0 {
		return scopes
	}
	return parseScopeValue(claims["scp"])
}

// fieldNames returns the sorted field names, shortened and with
// non-printable characters replaced, for messages.
func fieldNames(fields map[string]json.RawMessage) []string {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, printableName(name))
	}
	slices.Sort(names)
	return names[:min(len(names), maxFieldNames)]
}

func printableName(name string) string {
	runes := []rune(name)
	runes = runes[:min(len(runes), maxFieldLength)]
	for i, r := range runes {
		if !unicode.IsPrint(r) {
			runes[i] = '?'
		}
	}
	return string(runes)
}
