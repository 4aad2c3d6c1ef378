package verify

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ukglink/ukglink/backend/ukg"
	"github.com/ukglink/ukglink/backend/ukgsim"
)

func TestCredentialsInFormBody(t *testing.T) {
	for _, value := range []string{"abc==", "ab/cd+ef$gh%20"} {
		t.Run(value, func(t *testing.T) {
			sim, server, wire := simulator(t, ukgsim.Config{ClientSecret: value})
			rep := Verify(context.Background(), demoRequest(value), Options{Endpoint: server.URL})
			if rep.Status != StatusVerified {
				t.Fatalf("status = %q, problems %+v", rep.Status, rep.Problems)
			}

			bodies, headers, _ := wire.snapshot()
			if len(bodies) != 1 {
				t.Fatalf("%d token requests, want 1", len(bodies))
			}
			form, err := url.ParseQuery(bodies[0])
			if err != nil {
				t.Fatalf("token body is not a form: %v", err)
			}
			if got := form.Get("client_secret"); got != value {
				t.Errorf("client_secret = %q, want %q byte for byte", got, value)
			}
			if form.Get("client_id") != ukgsim.DemoClientID || form.Get("grant_type") != "client_credentials" {
				t.Errorf("form = %v", form)
			}
			if got := form.Get("scope"); got != strings.Join(ukg.RequiredScopeNames(), " ") {
				t.Errorf("scope = %q", got)
			}
			if h := headers[0].Get("Authorization"); h != "" {
				t.Errorf("token request has Authorization header %q", h)
			}
			if h := headers[0].Get("Accept"); h != "application/json" {
				t.Errorf("Accept = %q", h)
			}
			for _, rec := range sim.Requests() {
				if rec.BasicAuth {
					t.Errorf("%s %s carried Basic credentials", rec.Method, rec.Path)
				}
			}
		})
	}
}

func TestSecretComparedByteExact(t *testing.T) {
	// "%20" decoded once becomes a space: a client that decodes or
	// re-encodes the secret sends a different value and is rejected.
	_, server, _ := simulator(t, ukgsim.Config{ClientSecret: "ab/cd+ef$gh%20"})
	rep := Verify(context.Background(), demoRequest("ab/cd+ef$gh "), Options{Endpoint: server.URL})
	if problemCode(rep) != CodeInvalidClient {
		t.Errorf("problems = %+v, want invalid_client", rep.Problems)
	}
}

// connectionCounter is a loopback listener that counts accepted connections.
type connectionCounter struct {
	listener net.Listener
	accepted atomic.Int64
	dialed   atomic.Int64
}

func newConnectionCounter(t *testing.T) *connectionCounter {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c := &connectionCounter{listener: listener}
	go func() {
		for {
			conn, err := listener.Accept()
			if err != nil {
				return
			}
			c.accepted.Add(1)
			conn.Close()
		}
	}()
	t.Cleanup(func() { listener.Close() })
	return c
}

// dial sends every connection, whatever its address, to the counter.
func (c *connectionCounter) dial(ctx context.Context, network, _ string) (net.Conn, error) {
	c.dialed.Add(1)
	var d net.Dialer
	return d.DialContext(ctx, network, c.listener.Addr().String())
}

func TestHostileHostsMakeNoConnection(t *testing.T) {
	cases := []struct {
		name     string
		identity string
		sub      string
		endpoint string
		field    string
	}{
		{name: "look-alike identity", identity: "signin.ultipro.com.example.net", field: ukg.FieldIdentityHost},
		{name: "foreign identity", identity: "evil.example.com", field: ukg.FieldIdentityHost},
		{name: "identity with port", identity: "signin.ultipro.com:443", field: ukg.FieldIdentityHost},
		{name: "identity with user", identity: "user@signin.ultipro.com", field: ukg.FieldIdentityHost},
		{name: "identity with dot", identity: "signin.ultipro.com.", field: ukg.FieldIdentityHost},
		{name: "identity upper case", identity: "SIGNIN.ULTIPRO.COM", field: ukg.FieldIdentityHost},
		{name: "identity with path", identity: "signin.ultipro.com/x", field: ukg.FieldIdentityHost},
		{name: "identity ip", identity: "127.0.0.1", field: ukg.FieldIdentityHost},
		{name: "identity ipv6", identity: "[::1]", field: ukg.FieldIdentityHost},
		{name: "identity cyrillic i", identity: "s\u0456gnin.ultipro.com", field: ukg.FieldIdentityHost},
		{name: "identity punycode", identity: "xn--sgnin-ultipro-s9b.com", field: ukg.FieldIdentityHost},
		{name: "identity percent", identity: "%73ignin.ultipro.com", field: ukg.FieldIdentityHost},
		{name: "identity backslash", identity: "evil.test\\@signin.ultipro.com", field: ukg.FieldIdentityHost},
		{name: "identity fullwidth dot", identity: "signin\uff0eultipro.com", field: ukg.FieldIdentityHost},
		{name: "subdomain cyrillic", sub: "s\u0435rvicet", field: ukg.FieldSubdomain},
		{name: "subdomain backslash", sub: "evil.test\\servicet", field: ukg.FieldSubdomain},
		{name: "subdomain ip", sub: "127.0.0.1", field: ukg.FieldSubdomain},
		{name: "two-label subdomain", sub: "servicet.example.net", field: ukg.FieldSubdomain},
		{name: "subdomain look-alike", sub: "servicet.ultipro.com.example.net", field: ukg.FieldSubdomain},
		{name: "subdomain with slash", sub: "evil.com/", field: ukg.FieldSubdomain},
		{name: "subdomain with user", sub: "user@servicet", field: ukg.FieldSubdomain},
		{name: "subdomain with port", sub: "servicet:8443", field: ukg.FieldSubdomain},
		{name: "empty subdomain", sub: "", field: ukg.FieldSubdomain},
		{name: "subdomain hyphen", sub: "-servicet", field: ukg.FieldSubdomain},
		{name: "subdomain percent", sub: "servicet%2eevil", field: ukg.FieldSubdomain},
		{name: "endpoint real host", endpoint: "http://example.com", field: ukg.FieldNetwork},
		{name: "endpoint ukg over http", endpoint: "http://signin.ultipro.com", field: ukg.FieldNetwork},
		{name: "endpoint private ip", endpoint: "http://10.0.0.1:8443", field: ukg.FieldNetwork},
		{name: "endpoint loopback look-alike", endpoint: "http://127.0.0.1.nip.io:8443", field: ukg.FieldNetwork},
		{name: "endpoint localhost look-alike", endpoint: "http://localhost.example.com", field: ukg.FieldNetwork},
		{name: "endpoint userinfo", endpoint: "http://user:pw@127.0.0.1:8443", field: ukg.FieldNetwork},
		{name: "endpoint user trick", endpoint: "http://127.0.0.1@example.com", field: ukg.FieldNetwork},
		{name: "endpoint ftp", endpoint: "ftp://127.0.0.1", field: ukg.FieldNetwork},
		{name: "endpoint any address", endpoint: "http://0.0.0.0:8443", field: ukg.FieldNetwork},
		{name: "endpoint mapped ipv4", endpoint: "http://[::ffff:10.0.0.1]:8443", field: ukg.FieldNetwork},
		{name: "endpoint short ip", endpoint: "http://127.1:8443", field: ukg.FieldNetwork},
		{name: "endpoint no scheme", endpoint: "127.0.0.1:8443", field: ukg.FieldNetwork},
		{name: "endpoint with path", endpoint: "http://127.0.0.1:8443/other", field: ukg.FieldNetwork},
	}
	counter := newConnectionCounter(t)
	var proxied atomic.Int64
	opts := Options{
		DialContext: counter.dial,
		Proxy: func(*http.Request) (*url.URL, error) {
			proxied.Add(1)
			return nil, nil
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := demoRequest(testSecret)
			req.Profile.IdentityHost = tc.identity
			if tc.sub != "" || tc.field == ukg.FieldSubdomain {
				req.Profile.Subdomain = tc.sub
			}
			o := opts
			o.Endpoint = tc.endpoint
			rep := Verify(context.Background(), req, o)

			if problemCode(rep) != CodeHostNotAllowed {
				t.Fatalf("problems = %+v, want host_not_allowed", rep.Problems)
			}
			if rep.Problems[0].Field != tc.field {
				t.Errorf("field = %q, want %q", rep.Problems[0].Field, tc.field)
			}
			if !strings.Contains(rep.Problems[0].Message, "nothing was sent") {
				t.Errorf("message = %q", rep.Problems[0].Message)
			}
			if strings.Contains(reportJSON(t, rep), "user:pw") {
				t.Error("report contains the endpoint password")
			}
		})
	}
	if n := counter.dialed.Load() + counter.accepted.Load() + proxied.Load(); n != 0 {
		t.Errorf("%d dials, connections or proxy look-ups for hostile hosts, want 0", n)
	}

	// The same seam does see connections for an allowed host, so the zero
	// above is not the seam being unused.
	Verify(context.Background(), demoRequest(testSecret), opts)
	if counter.dialed.Load() == 0 {
		t.Error("control run made no dial through the seam")
	}
	deadline := time.Now().Add(5 * time.Second)
	for counter.accepted.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if counter.accepted.Load() == 0 {
		t.Error("control run made no connection to the counting listener")
	}
}

func TestInvalidInputMakesNoConnection(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*Request)
		field string
	}{
		{"tenant with path", func(r *Request) { r.Profile.Tenant = "USG1008IT124S/../x" }, ukg.FieldTenant},
		{"tenant with query", func(r *Request) { r.Profile.Tenant = "USG1008IT124S?x=1" }, ukg.FieldTenant},
		{"empty tenant", func(r *Request) { r.Profile.Tenant = "" }, ukg.FieldTenant},
		{"unknown account type", func(r *Request) { r.Profile.AccountType = "mars" }, ukg.FieldAccountType},
		{"client id with space", func(r *Request) { r.Profile.ClientID = "id with space" }, ukg.FieldClientID},
		{"empty secret", func(r *Request) { r.Secret = demoRequest("").Secret }, ukg.FieldClientSecret},
	}
	counter := newConnectionCounter(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := demoRequest(testSecret)
			tc.edit(&req)
			rep := Verify(context.Background(), req, Options{DialContext: counter.dial})
			if problemCode(rep) != CodeInvalidInput {
				t.Fatalf("problems = %+v", rep.Problems)
			}
			if rep.Problems[0].Field != tc.field {
				t.Errorf("field = %q, want %q", rep.Problems[0].Field, tc.field)
			}
		})
	}
	if n := counter.dialed.Load(); n != 0 {
		t.Errorf("%d dials for invalid input, want 0", n)
	}
}

func TestCheckEndpoint(t *testing.T) {
	good := map[string]string{
		"http://127.0.0.1:8443":  "http://127.0.0.1:8443",
		"https://127.0.0.9:8443": "https://127.0.0.9:8443",
		"http://[::1]:8443/":     "http://[::1]:8443",
		"http://localhost:8443":  "http://localhost:8443",
		"http://LOCALHOST:8443":  "http://localhost:8443",
		"https://LocalHost":      "https://localhost",
		" http://127.0.0.1 ":     "http://127.0.0.1",
	}
	for raw, want := range good {
		u, err := CheckEndpoint(raw)
		if err != nil {
			t.Errorf("CheckEndpoint(%q) = %v", raw, err)
			continue
		}
		if u.String() != want {
			t.Errorf("CheckEndpoint(%q) = %q, want %q", raw, u, want)
		}
	}
	for _, raw := range []string{"", "http://", "http://example.com", "http://[::2]:1", "http://127.0.0.1:8443?x=1", "http://127.0.0.1#x"} {
		if _, err := CheckEndpoint(raw); err == nil {
			t.Errorf("CheckEndpoint(%q) accepted", raw)
		}
	}
}

func TestLocalhostDialsLoopbackAddress(t *testing.T) {
	for _, name := range []string{"localhost", "LOCALHOST"} {
		t.Run(name, func(t *testing.T) {
			_, server, _ := simulator(t, ukgsim.Config{})
			_, port, _ := net.SplitHostPort(server.Listener.Addr().String())
			var mu sync.Mutex
			var dialed []string
			record := func(ctx context.Context, network, addr string) (net.Conn, error) {
				mu.Lock()
				dialed = append(dialed, addr)
				mu.Unlock()
				var d net.Dialer
				return d.DialContext(ctx, network, addr)
			}
			opts := Options{Endpoint: "http://" + name + ":" + port, DialContext: record}
			rep := Verify(context.Background(), demoRequest(ukgsim.DemoClientSecret), opts)

			if rep.Status != StatusVerified {
				t.Fatalf("status = %q, problems %+v", rep.Status, rep.Problems)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(dialed) == 0 {
				t.Fatal("no dial through the seam")
			}
			for _, addr := range dialed {
				if addr != "127.0.0.1:"+port {
					t.Errorf("dialed %q, want the loopback address 127.0.0.1:%s without a name lookup", addr, port)
				}
			}
		})
	}
}

func TestLocalhostFallsBackToIPv6(t *testing.T) {
	var dialed []string
	fake := func(ctx context.Context, network, addr string) (net.Conn, error) {
		dialed = append(dialed, addr)
		if addr == "[::1]:8443" {
			client, server := net.Pipe()
			server.Close()
			return client, nil
		}
		return nil, errors.New("connection refused")
	}
	conn, err := resolveLocalhost(fake)(context.Background(), "tcp", "Localhost:8443")
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	conn.Close()
	if want := []string{"127.0.0.1:8443", "[::1]:8443"}; !slices.Equal(dialed, want) {
		t.Errorf("dialed %v, want %v", dialed, want)
	}

	dialed = nil
	if _, err := resolveLocalhost(fake)(context.Background(), "tcp", "signin.ultipro.com:443"); err == nil {
		t.Error("dial of another host succeeded, want the fake dialer's error")
	}
	if want := []string{"signin.ultipro.com:443"}; !slices.Equal(dialed, want) {
		t.Errorf("dialed %v, want %v unchanged", dialed, want)
	}
}

func TestTokenRedirectNotFollowed(t *testing.T) {
	var elsewhere atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
	}))
	defer other.Close()
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer redirector.Close()

	rep := Verify(context.Background(), demoRequest(testSecret), Options{Endpoint: redirector.URL})
	if problemCode(rep) != CodeWrongTenantOrHost {
		t.Errorf("problems = %+v", rep.Problems)
	}
	if !strings.Contains(rep.Problems[0].Detail, "not followed") {
		t.Errorf("detail = %q", rep.Problems[0].Detail)
	}
	if n := elsewhere.Load(); n != 0 {
		t.Errorf("redirect target got %d requests", n)
	}
}

func TestProbeRedirectStaysOnHost(t *testing.T) {
	sim, err := ukgsim.New(ukgsim.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var elsewhere atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
	}))
	defer other.Close()
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/applications"):
			http.Redirect(w, r, r.URL.Path+"-moved?"+r.URL.RawQuery, http.StatusFound)
		case strings.HasSuffix(r.URL.Path, "/applications-moved"):
			r.URL.Path = strings.TrimSuffix(r.URL.Path, "-moved")
			sim.ServeHTTP(w, r)
		case strings.HasSuffix(r.URL.Path, "/candidates"):
			http.Redirect(w, r, other.URL+r.URL.Path, http.StatusFound)
		default:
			sim.ServeHTTP(w, r)
		}
	}))
	defer server.Close()

	rep := Verify(context.Background(), demoRequest(ukgsim.DemoClientSecret), Options{Endpoint: server.URL})
	if c := rep.Checks[2]; c.Status != CheckOK {
		t.Errorf("same-host redirect: check = %+v", c)
	}
	if c := rep.Checks[3]; c.Status != CheckFailed || c.Problem != CodeUnexpectedResponse {
		t.Errorf("other-host redirect: check = %+v", c)
	}
	if n := elsewhere.Load(); n != 0 {
		t.Errorf("redirect target got %d requests, and so the token", n)
	}
}

func TestTokenReplyWithoutTokenNamesFields(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"bearer":"VALUE-ONE","expires":"VALUE-TWO"}`))
	}))
	defer server.Close()

	rep := Verify(context.Background(), demoRequest(testSecret), Options{Endpoint: server.URL})
	if problemCode(rep) != CodeBadTokenResponse {
		t.Fatalf("problems = %+v", rep.Problems)
	}
	message := rep.Problems[0].Message
	if !strings.Contains(message, "bearer, expires") {
		t.Errorf("message %q does not name the fields", message)
	}
	if data := reportJSON(t, rep); strings.Contains(data, "VALUE-") {
		t.Errorf("report contains a field value: %s", data)
	}
}

// echoSecret contains every character that percent-encoding changes in a
// form body, so its encoded form differs from the raw one.
const echoSecret = "Zq8tEsT/+$%=k3Jd9aPq0Zx7Lm2Nv5Bc8R"

func TestEchoedSecretRedacted(t *testing.T) {
	// pad puts the echoed value across the end of the error_description
	// that a detail keeps, so only a prefix of it is left after shortening.
	pad := strings.Repeat("x", maxDetailText-12)
	cases := []struct {
		name string
		// echo writes the token response for the form-decoded secret.
		echo func(w http.ResponseWriter, secret string)
	}{
		{"raw", echoDescription(func(s string) string { return "bad secret " + s })},
		{"raw cut by the limit", echoDescription(func(s string) string { return pad + s })},
		{"form-encoded", echoDescription(url.QueryEscape)},
		{"form-encoded cut by the limit", echoDescription(func(s string) string { return pad + url.QueryEscape(s) })},
		{"percent-encoded lower case", echoDescription(func(s string) string {
			return strings.ToLower(strings.ReplaceAll(url.QueryEscape(s), "+", "%20"))
		})},
		{"json-escaped", echoDescription(func(s string) string { return strings.ReplaceAll(s, "/", `\/`) })},
		{"in redirect", func(w http.ResponseWriter, s string) {
			w.Header().Set("Location", "/error?secret="+url.QueryEscape(s))
			w.WriteHeader(http.StatusFound)
		}},
		{"in content type", func(w http.ResponseWriter, s string) {
			w.Header().Set("Content-Type", "text/plain; echo="+url.QueryEscape(s))
			w.WriteHeader(http.StatusBadRequest)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				r.ParseForm()
				tc.echo(w, r.PostForm.Get("client_secret"))
			}))
			defer server.Close()

			logger, logs := logBuffer()
			rep := Verify(context.Background(), demoRequest(echoSecret), Options{Endpoint: server.URL, Logger: logger})
			if problemCode(rep) == "" {
				t.Fatalf("no problem reported for a rejected token request")
			}
			if piece := leakedPiece(reportJSON(t, rep), echoSecret); piece != "" {
				t.Errorf("report JSON contains %q of the secret: %s", piece, reportJSON(t, rep))
			}
			if piece := leakedPiece(logs.String(), echoSecret); piece != "" {
				t.Errorf("log output contains %q of the secret: %s", piece, logs.String())
			}
		})
	}
}

// echoDescription returns a token handler that rejects the request with
// invalid_client and an error_description made by describe.
func echoDescription(describe func(secret string) string) func(http.ResponseWriter, string) {
	return func(w http.ResponseWriter, secret string) {
		body, _ := json.Marshal(map[string]string{
			"error":             "invalid_client",
			"error_description": describe(secret),
		})
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		w.Write(body)
	}
}

func TestEchoedTokenRedacted(t *testing.T) {
	sim, err := ukgsim.New(ukgsim.Config{})
	if err != nil {
		t.Fatal(err)
	}
	wire := &wireLog{}
	server := httptest.NewServer(wire.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, isProbe := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !isProbe {
			sim.ServeHTTP(w, r)
			return
		}
		// The probe error echoes the token percent-encoded and cut short.
		body, _ := json.Marshal(map[string]string{
			"error":             "invalid_token",
			"error_description": strings.Repeat("x", maxDetailText-20) + url.QueryEscape(token),
		})
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		w.Write(body)
	})))
	defer server.Close()

	logger, logs := logBuffer()
	rep := Verify(context.Background(), demoRequest(ukgsim.DemoClientSecret), Options{Endpoint: server.URL, Logger: logger})
	if problemCode(rep) != CodeTokenNotAccepted {
		t.Fatalf("problems = %+v, want token_not_accepted", rep.Problems)
	}
	_, _, tokens := wire.snapshot()
	if len(tokens) != 1 {
		t.Fatalf("%d tokens issued, want 1", len(tokens))
	}
	if piece := leakedPiece(reportJSON(t, rep), tokens[0]); piece != "" {
		t.Errorf("report JSON contains %q of the token", piece)
	}
	if piece := leakedPiece(logs.String(), tokens[0]); piece != "" {
		t.Errorf("log output contains %q of the token", piece)
	}
}

// leakedPiece returns the first run of 8 bytes of value, raw or
// form-encoded, that text contains when case is ignored, or "".
func leakedPiece(text, value string) string {
	text = strings.ToLower(text)
	for _, form := range []string{value, url.QueryEscape(value)} {
		form = strings.ToLower(form)
		for i := 0; i+8 <= len(form); i++ {
			if strings.Contains(text, form[i:i+8]) {
				return form[i : i+8]
			}
		}
	}
	return ""
}
