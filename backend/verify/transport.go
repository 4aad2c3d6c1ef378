package verify

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"

	"golang.org/x/net/http/httpproxy"
)

// maxProbeRedirects is how many same-host redirects a probe follows.
const maxProbeRedirects = 3

// newTransport builds the one transport of a verification. The proxy
// settings are read from the environment now, unless opts.Proxy is set.
func newTransport(opts Options, connections int) *http.Transport {
	proxy := opts.Proxy
	if proxy == nil {
		fromEnv := httpproxy.FromEnvironment().ProxyFunc()
		proxy = func(req *http.Request) (*url.URL, error) {
			return fromEnv(req.URL)
		}
	}
	dial := opts.DialContext
	if dial == nil {
		dialer := &net.Dialer{Timeout: opts.ConnectTimeout, KeepAlive: 30 * time.Second}
		dial = dialer.DialContext
	}
	return &http.Transport{
		Proxy:                 proxy,
		DialContext:           resolveLocalhost(dial),
		TLSClientConfig:       &tls.Config{RootCAs: opts.RootCAs, MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:   opts.ConnectTimeout,
		ResponseHeaderTimeout: opts.ConnectTimeout,
		ForceAttemptHTTP2:     true,
		MaxIdleConnsPerHost:   connections,
		IdleConnTimeout:       30 * time.Second,
	}
}

// dialFunc is the signature of net.Dialer.DialContext.
type dialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// resolveLocalhost returns dial with "localhost" connected to 127.0.0.1,
// or to ::1 when that fails, without a name lookup. A hosts file or DNS
// server could otherwise send a loopback test endpoint, and the secret in
// its token request, to another machine.
func resolveLocalhost(dial dialFunc) dialFunc {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil || !isLocalhost(host) {
			return dial(ctx, network, addr)
		}
		conn, err := dial(ctx, network, net.JoinHostPort("127.0.0.1", port))
		if err == nil || ctx.Err() != nil {
			return conn, err
		}
		if conn, errIPv6 := dial(ctx, network, net.JoinHostPort("::1", port)); errIPv6 == nil {
			return conn, nil
		}
		return nil, err
	}
}

// hostGuard sends a request only when its scheme and host:port equal those
// of allowed. It keeps the secret and the token on their hosts even if a
// redirect or a bug builds another URL.
type hostGuard struct {
	base    http.RoundTripper
	allowed *url.URL
}

func (g hostGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme != g.allowed.Scheme || req.URL.Host != g.allowed.Host || req.URL.User != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, fmt.Errorf("request to %s://%s rejected, only %s://%s is allowed: %w", req.URL.Scheme, req.URL.Host, g.allowed.Scheme, g.allowed.Host, errHostNotAllowed)
	}
	return g.base.RoundTrip(req)
}

// noRedirects makes the client return a redirect response as it is.
func noRedirects(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}

// sameHostRedirects follows a few redirects that stay on the first
// request's scheme and host.
func sameHostRedirects(req *http.Request, via []*http.Request) error {
	first := via[0].URL
	if len(via) > maxProbeRedirects || req.URL.Scheme != first.Scheme || req.URL.Host != first.Host {
		return http.ErrUseLastResponse
	}
	return nil
}

// attemptContext bounds one HTTP exchange, from dialling to the last byte
// of the response, by the connect timeout.
func attemptContext(ctx context.Context, opts Options) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, opts.ConnectTimeout)
}
