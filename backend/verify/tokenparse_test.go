package verify

import (
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func jwtWith(claims string) string {
	encode := base64.RawURLEncoding.EncodeToString
	return encode([]byte(`{"alg":"none"}`)) + "." + encode([]byte(claims)) + ".signature"
}

func TestParseTokenResponse(t *testing.T) {
	cases := []struct {
		name    string
		body    string
		token   string
		expires int64
		scopes  []string
		source  string
		fields  []string
		errCode string
	}{
		{name: "standard", body: `{"access_token":"T1","token_type":"Bearer","expires_in":3600,"scope":"a b"}`,
			token: "T1", expires: 3600, scopes: []string{"a", "b"}, source: ScopeSourceResponse,
			fields: []string{"access_token", "expires_in", "scope", "token_type"}},
		{name: "string expires and commas", body: `{"access_token":"T2","expires_in":"3600","scope":"a,b, c"}`,
			token: "T2", expires: 3600, scopes: []string{"a", "b", "c"}, source: ScopeSourceResponse,
			fields: []string{"access_token", "expires_in", "scope"}},
		{name: "token field", body: `{"token":"T3","expires_in":60}`,
			token: "T3", expires: 60, source: ScopeSourceNone, fields: []string{"expires_in", "token"}},
		{name: "scope array", body: `{"access_token":"T4","scope":["a","b a"]}`,
			token: "T4", scopes: []string{"a", "b"}, source: ScopeSourceResponse, fields: []string{"access_token", "scope"}},
		{name: "jwt scope claim", body: `{"access_token":"` + jwtWith(`{"scope":"x y"}`) + `"}`,
			scopes: []string{"x", "y"}, source: ScopeSourceClaims, fields: []string{"access_token"}},
		{name: "jwt scp array", body: `{"access_token":"` + jwtWith(`{"scp":["x","z"]}`) + `"}`,
			scopes: []string{"x", "z"}, source: ScopeSourceClaims, fields: []string{"access_token"}},
		{name: "empty scope uses claims", body: `{"access_token":"` + jwtWith(`{"scp":"q"}`) + `","scope":""}`,
			scopes: []string{"q"}, source: ScopeSourceClaims, fields: []string{"access_token", "scope"}},
		{name: "opaque token no scope", body: `{"access_token":"opaque"}`,
			token: "opaque", source: ScopeSourceNone, fields: []string{"access_token"}},
		{name: "bad expires", body: `{"access_token":"T5","expires_in":"soon"}`,
			token: "T5", source: ScopeSourceNone, fields: []string{"access_token", "expires_in"}},
		{name: "rfc 6749 error", body: `{"error":"invalid_scope","error_description":"no"}`,
			source: ScopeSourceNone, fields: []string{"error", "error_description"}, errCode: "invalid_scope"},
		{name: "numeric token ignored", body: `{"access_token":12}`,
			source: ScopeSourceNone, fields: []string{"access_token"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			reply, err := parseTokenResponse([]byte(tc.body))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if tc.token != "" && reply.AccessToken != tc.token {
				t.Errorf("token = %q, want %q", reply.AccessToken, tc.token)
			}
			if reply.ExpiresIn != tc.expires {
				t.Errorf("expires_in = %d, want %d", reply.ExpiresIn, tc.expires)
			}
			if !slices.Equal(reply.Scopes, tc.scopes) {
				t.Errorf("scopes = %q, want %q", reply.Scopes, tc.scopes)
			}
			if reply.ScopeSource != tc.source {
				t.Errorf("scope source = %q, want %q", reply.ScopeSource, tc.source)
			}
			if !slices.Equal(reply.Fields, tc.fields) {
				t.Errorf("fields = %q, want %q", reply.Fields, tc.fields)
			}
			if reply.ErrorCode != tc.errCode {
				t.Errorf("error = %q, want %q", reply.ErrorCode, tc.errCode)
			}
		})
	}
}

func TestParseTokenResponseRejectsNonObjects(t *testing.T) {
	for _, body := range []string{"", "null", "[]", `"token"`, "<html>", `{"a":`} {
		_, err := parseTokenResponse([]byte(body))
		if err == nil {
			t.Errorf("parse(%q) accepted", body)
			continue
		}
		if body != "" && strings.Contains(err.Error(), body) {
			t.Errorf("error %q repeats the body", err)
		}
	}
}

func FuzzParseTokenResponse(f *testing.F) {
	f.Add([]byte(`{"access_token":"T","expires_in":"3600","scope":"a,b"}`))
	f.Add([]byte(`{"token":"` + jwtWith(`{"scp":["a"]}`) + `"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		reply, err := parseTokenResponse(body)
		if err != nil {
			if reply.AccessToken != "" || len(reply.Fields) != 0 {
				t.Fatalf("error %v with a filled reply", err)
			}
			return
		}
		var object map[string]json.RawMessage
		if json.Unmarshal(body, &object) != nil {
			t.Fatal("accepted a body that is not a JSON object")
		}
		if len(reply.Fields) > maxFieldNames || !slices.IsSorted(reply.Fields) {
			t.Errorf("fields %q not sorted or too many", reply.Fields)
		}
		for _, s := range reply.Scopes {
			if s == "" || strings.ContainsAny(s, ", \t\n") {
				t.Errorf("scope %q not split", s)
			}
		}
		if (reply.ScopeSource == ScopeSourceNone) != (len(reply.Scopes) == 0) {
			t.Errorf("scope source %q with %d scopes", reply.ScopeSource, len(reply.Scopes))
		}
		if reply.ExpiresIn < 0 {
			t.Errorf("expires_in = %d", reply.ExpiresIn)
		}
	})
}

func TestCatalogueComplete(t *testing.T) {
	codes := []string{CodeInvalidClient, CodeInvalidRequest, CodeMissingScopes, CodeWrongTenantOrHost,
		CodeTokenNotAccepted, CodePermissionDenied, CodeNotFound, CodeUKGUnavailable, CodeRateLimited,
		CodeTimeout, CodeUnreachable, CodeDNSFailure, CodeTLSFailure, CodeHostNotAllowed,
		CodeBadTokenResponse, CodeCancelled, CodeInvalidInput, CodeUnexpectedResponse}
	if len(problemCatalogue) != len(codes) {
		t.Errorf("catalogue has %d entries, want %d", len(problemCatalogue), len(codes))
	}
	vars := map[string]string{"host": "h", "token_url": "u", "tenant": "t", "client_id": "c", "scope": "s",
		"probe": "p", "scopes": "s", "fields": "f", "status": "500", "seconds": "20", "hint": "Hint."}
	for _, code := range codes {
		info, ok := problemCatalogue[code]
		if !ok {
			t.Errorf("code %q missing from the catalogue", code)
			continue
		}
		if info.Title == "" || info.Message == "" {
			t.Errorf("code %q has an empty title or message", code)
		}
		if p := newProblem(code, vars, ""); strings.ContainsAny(p.Message, "{}") {
			t.Errorf("code %q leaves a placeholder: %q", code, p.Message)
		}
	}
	if ProblemFor("no_such_code").Title != problemCatalogue[CodeUnexpectedResponse].Title {
		t.Error("unknown code does not fall back to unexpected_response")
	}
}
