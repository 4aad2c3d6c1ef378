package verify

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ukglink/ukglink/backend/ukgsim"
)

const (
	identityAddr = "signin.ultipro.com:443"
	serviceAddr  = "servicet.ultipro.com:443"
)

// ukgCertificate returns a self-signed certificate for the real UKG host
// names of the demo profile, and a pool that trusts it.
func ukgCertificate(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	template := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "ukgsim test"},
		DNSNames:              []string{"signin.ultipro.com", "servicet.ultipro.com", "signin.ukg.net", "servicet.ukgpro.com"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

// tlsSimulator serves the simulator over HTTPS with a certificate for the
// real UKG host names, and counts the TLS connections it accepts.
func tlsSimulator(t *testing.T) (*ukgsim.Server, *httptest.Server, *x509.CertPool, *atomic.Int64) {
	t.Helper()
	return tlsSimulatorFor(t, ukgsim.Config{ClientSecret: testSecret})
}

// tlsSimulatorFor is tlsSimulator for the simulator configuration cfg.
func tlsSimulatorFor(t *testing.T, cfg ukgsim.Config) (*ukgsim.Server, *httptest.Server, *x509.CertPool, *atomic.Int64) {
	t.Helper()
	sim, err := ukgsim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	cert, pool := ukgCertificate(t)
	server := httptest.NewUnstartedServer(sim)
	server.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	var connections atomic.Int64
	server.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			connections.Add(1)
		}
	}
	server.StartTLS()
	t.Cleanup(func() {
		sim.Close()
		server.Close()
	})
	return sim, server, pool, &connections
}

func ukgHostsTo(server *httptest.Server) map[string]string {
	addr := server.Listener.Addr().String()
	return map[string]string{identityAddr: addr, serviceAddr: addr}
}

func TestRealHostsOverHTTPS(t *testing.T) {
	clearProxyEnv(t)
	sim, server, pool, _ := tlsSimulator(t)
	opts := Options{DialContext: loopbackOnlyDialer(ukgHostsTo(server)), RootCAs: pool}
	rep := Verify(context.Background(), demoRequest(testSecret), opts)

	if rep.Status != StatusVerified {
		t.Fatalf("status = %q, problems %+v", rep.Status, rep.Problems)
	}
	if rep.Simulated {
		t.Error("report marked simulated without an endpoint")
	}
	if rep.Endpoints.TokenURL != "https://signin.ultipro.com/signin/oauth2/t/USG1008IT124S/access_token" {
		t.Errorf("token URL = %q", rep.Endpoints.TokenURL)
	}
	hosts := map[string]int{}
	for _, rec := range sim.Requests() {
		hosts[rec.Host]++
	}
	if hosts["signin.ultipro.com"] != 1 || hosts["servicet.ultipro.com"] != 4 || len(hosts) != 2 {
		t.Errorf("requests by host = %v, want 1 token request and 4 probes", hosts)
	}
	assertReadOnly(t, sim)
}

func TestUntrustedCertificate(t *testing.T) {
	clearProxyEnv(t)
	sim, server, _, _ := tlsSimulator(t)
	opts := Options{DialContext: loopbackOnlyDialer(ukgHostsTo(server)), RootCAs: x509.NewCertPool()}
	rep := Verify(context.Background(), demoRequest(testSecret), opts)

	if problemCode(rep) != CodeTLSFailure {
		t.Fatalf("problems = %+v", rep.Problems)
	}
	message := rep.Problems[0].Message
	for _, want := range []string{"signin.ultipro.com", "signin.ultipro.ca", "signin.ukg.net"} {
		if !strings.Contains(message, want) {
			t.Errorf("message %q does not contain %q", message, want)
		}
	}
	if n := len(sim.Requests()); n != 0 {
		t.Errorf("%d requests passed a failed handshake", n)
	}
}

func TestWrongTenantSuggestsAccountTypes(t *testing.T) {
	tests := []struct {
		account  string
		tried    string
		service  string
		suggests []string
	}{
		{"test", "signin.ultipro.com", "servicet.ultipro.com",
			[]string{"Production, Canada (ultipro.ca): signin.ultipro.ca", "Production (ukgpro.com): signin.ukg.net"}},
		{"ukgpro", "signin.ukg.net", "servicet.ukgpro.com",
			[]string{"Production (ultipro.com): signin.ultipro.com", "Production, Canada (ultipro.ca): signin.ultipro.ca"}},
	}
	for _, tt := range tests {
		t.Run(tt.account, func(t *testing.T) {
			clearProxyEnv(t)
			_, server, pool, _ := tlsSimulatorFor(t, ukgsim.Config{Scenario: "unknown-tenant", ClientSecret: testSecret})
			addr := server.Listener.Addr().String()
			mapped := map[string]string{tt.tried + ":443": addr, tt.service + ":443": addr}
			req := demoRequest(testSecret)
			req.Profile.AccountType = tt.account
			rep := Verify(context.Background(), req, Options{DialContext: loopbackOnlyDialer(mapped), RootCAs: pool})

			if problemCode(rep) != CodeWrongTenantOrHost {
				t.Fatalf("problems = %+v, want wrong_tenant_or_host", rep.Problems)
			}
			message := rep.Problems[0].Message
			tokenURL := "https://" + tt.tried + "/signin/oauth2/t/" + ukgsim.DemoTenant + "/access_token"
			if !strings.HasPrefix(message, tt.tried+" has no token endpoint") {
				t.Errorf("message %q does not start with the host tried, %s", message, tt.tried)
			}
			if !strings.Contains(message, tokenURL) {
				t.Errorf("message %q does not name the token URL %s", message, tokenURL)
			}
			_, others, found := strings.Cut(message, "Other account types")
			if !found {
				t.Fatalf("message %q suggests no other account types", message)
			}
			for _, want := range tt.suggests {
				if !strings.Contains(others, want) {
					t.Errorf("suggestions %q do not contain %q", others, want)
				}
			}
			if strings.Contains(others, ": "+tt.tried) {
				t.Errorf("suggestions %q contain the host tried, %s", others, tt.tried)
			}
		})
	}
}

func TestWrongTenantSuggestsUpperCaseFirst(t *testing.T) {
	_, server, _ := simulator(t, ukgsim.Config{})
	req := demoRequest(ukgsim.DemoClientSecret)
	req.Profile.Tenant = strings.ToLower(ukgsim.DemoTenant)
	rep := Verify(context.Background(), req, Options{Endpoint: server.URL})

	if problemCode(rep) != CodeWrongTenantOrHost {
		t.Fatalf("problems = %+v, want wrong_tenant_or_host", rep.Problems)
	}
	message := rep.Problems[0].Message
	upper := strings.Index(message, "try "+ukgsim.DemoTenant)
	others := strings.Index(message, "Other account types use these identity hosts")
	if upper < 0 || others < 0 || upper > others {
		t.Errorf("message %q does not suggest the upper-case tenant, then other account types", message)
	}
}

func TestDNSFailureSuggestsAccountTypes(t *testing.T) {
	clearProxyEnv(t)
	var tried []string
	var mu sync.Mutex
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		mu.Lock()
		tried = append(tried, addr)
		mu.Unlock()
		host, _, _ := net.SplitHostPort(addr)
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	rep := Verify(context.Background(), demoRequest(testSecret), Options{DialContext: dial})

	if problemCode(rep) != CodeDNSFailure {
		t.Fatalf("problems = %+v", rep.Problems)
	}
	p := rep.Problems[0]
	if p.Field != "account_type" {
		t.Errorf("field = %q", p.Field)
	}
	for _, want := range []string{"The host name signin.ultipro.com could not be found", "signin.ukg.net", "signin.ultipro.ca", "Canada"} {
		if !strings.Contains(p.Message, want) {
			t.Errorf("message %q does not contain %q", p.Message, want)
		}
	}
	if len(tried) != 1 || tried[0] != identityAddr {
		t.Errorf("dialed %v, want only %s", tried, identityAddr)
	}
}

// connectProxy is a loopback HTTP CONNECT proxy that tunnels every target
// to one address and counts the tunnels by target.
type connectProxy struct {
	mu      sync.Mutex
	targets map[string]int
	server  *httptest.Server
}

func newConnectProxy(t *testing.T, upstream string) *connectProxy {
	p := &connectProxy{targets: map[string]int{}}
	p.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			http.Error(w, "only CONNECT", http.StatusMethodNotAllowed)
			return
		}
		p.mu.Lock()
		p.targets[r.Host]++
		p.mu.Unlock()
		p.tunnel(w, upstream)
	}))
	t.Cleanup(p.server.Close)
	return p
}

func (p *connectProxy) tunnel(w http.ResponseWriter, upstream string) {
	backend, err := net.Dial("tcp", upstream)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer backend.Close()
	client, buffered, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer client.Close()
	io.WriteString(client, "HTTP/1.1 200 Connection established\r\n\r\n")
	done := make(chan struct{}, 2)
	go func() { io.Copy(backend, buffered); done <- struct{}{} }()
	go func() { io.Copy(client, backend); done <- struct{}{} }()
	<-done
}

func (p *connectProxy) counts() (map[string]int, int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	total := 0
	copied := map[string]int{}
	for k, v := range p.targets {
		copied[k] = v
		total += v
	}
	return copied, total
}

func TestProxyCarriesEveryCall(t *testing.T) {
	for _, source := range []string{"seam", "environment"} {
		t.Run(source, func(t *testing.T) {
			clearProxyEnv(t)
			sim, server, pool, connections := tlsSimulator(t)
			proxy := newConnectProxy(t, server.Listener.Addr().String())
			proxyURL, _ := url.Parse(proxy.server.URL)
			// No mapping: without the proxy the real host names cannot be dialled.
			opts := Options{DialContext: loopbackOnlyDialer(nil), RootCAs: pool}
			if source == "seam" {
				opts.Proxy = http.ProxyURL(proxyURL)
			} else {
				t.Setenv("HTTPS_PROXY", proxyURL.String())
			}
			rep := Verify(context.Background(), demoRequest(testSecret), opts)

			if rep.Status != StatusVerified {
				t.Fatalf("status = %q, problems %+v", rep.Status, rep.Problems)
			}
			targets, total := proxy.counts()
			if targets[identityAddr] == 0 || targets[serviceAddr] == 0 {
				t.Errorf("CONNECT targets = %v, want both UKG hosts", targets)
			}
			if len(targets) != 2 {
				t.Errorf("CONNECT targets = %v, want only the two UKG hosts", targets)
			}
			// A dial that lost the race to a reused connection may still be
			// in its tunnel when Verify returns, so wait for the counts to meet.
			deadline := time.Now().Add(5 * time.Second)
			for connections.Load() != int64(total) && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
				_, total = proxy.counts()
			}
			if got := connections.Load(); got != int64(total) {
				t.Errorf("simulator accepted %d connections, proxy tunnelled %d", got, total)
			}
			assertReadOnly(t, sim)
		})
	}
}

func TestHTTPSEndpointAnsweredInPlainHTTP(t *testing.T) {
	_, server, _ := simulator(t, ukgsim.Config{})
	endpoint := "https://" + server.Listener.Addr().String()
	rep := Verify(context.Background(), demoRequest(ukgsim.DemoClientSecret), Options{Endpoint: endpoint})

	if problemCode(rep) != CodeTLSFailure {
		t.Fatalf("problems = %+v, want tls_failure", rep.Problems)
	}
	if !strings.Contains(rep.Problems[0].Detail, "HTTP response to HTTPS client") {
		t.Errorf("detail %q does not give the cause", rep.Problems[0].Detail)
	}
}

func TestUnreachableHost(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := listener.Addr().String()
	listener.Close()

	rep := Verify(context.Background(), demoRequest(testSecret), Options{Endpoint: "http://" + addr})
	if problemCode(rep) != CodeUnreachable {
		t.Fatalf("problems = %+v", rep.Problems)
	}
	if !strings.Contains(rep.Problems[0].Message, addr) {
		t.Errorf("message %q does not name %s", rep.Problems[0].Message, addr)
	}
}
