package verify

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ukglink/ukglink/backend/ukg"
	"github.com/ukglink/ukglink/backend/ukgsim"
)

// probeBarrier delays every API request until n of them have arrived, so a
// verifier that sends its probes one after another gets no response.
func probeBarrier(n int, next http.Handler) http.Handler {
	var mu sync.Mutex
	arrived := 0
	all := make(chan struct{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isTokenPath(r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		mu.Lock()
		arrived++
		if arrived == n {
			close(all)
		}
		mu.Unlock()
		select {
		case <-all:
			next.ServeHTTP(w, r)
		case <-r.Context().Done():
		}
	})
}

// TestProbesRunConcurrently proves that the probes are in flight together:
// the simulator responds to none of them before all have arrived.
func TestProbesRunConcurrently(t *testing.T) {
	for _, sequential := range []bool{false, true} {
		sim, err := ukgsim.New(ukgsim.Config{})
		if err != nil {
			t.Fatal(err)
		}
		server := httptest.NewServer(probeBarrier(len(ukg.Probes), sim))
		opts := Options{Endpoint: server.URL, ConnectTimeout: 10 * time.Second, sequentialProbes: sequential}
		if sequential {
			// The control run must fail, and its first probe waits for the
			// connect timeout to end it.
			opts.ConnectTimeout = 500 * time.Millisecond
		}

		rep := Verify(context.Background(), demoRequest(ukgsim.DemoClientSecret), opts)
		server.Close()
		sim.Close()

		switch {
		case !sequential && rep.Status != StatusVerified:
			t.Errorf("concurrent probes: status = %q, problems %+v", rep.Status, rep.Problems)
		case sequential && problemCode(rep) != CodeTimeout:
			t.Errorf("sequential probes: problems %+v, want timeout (the barrier cannot hold them)", rep.Problems)
		}
	}
}

func TestDefaultTimeouts(t *testing.T) {
	if DefaultConnectTimeout != 20*time.Second {
		t.Errorf("DefaultConnectTimeout = %v, want 20s", DefaultConnectTimeout)
	}
	if DefaultTimeout != 60*time.Second {
		t.Errorf("DefaultTimeout = %v, want 60s", DefaultTimeout)
	}
	opts := withDefaults(Options{})
	if opts.ConnectTimeout != DefaultConnectTimeout {
		t.Errorf("default ConnectTimeout = %v, want %v", opts.ConnectTimeout, DefaultConnectTimeout)
	}
	if opts.Timeout != DefaultTimeout {
		t.Errorf("default Timeout = %v, want %v", opts.Timeout, DefaultTimeout)
	}

	transport := newTransport(opts, 1)
	if transport.TLSHandshakeTimeout != DefaultConnectTimeout {
		t.Errorf("TLSHandshakeTimeout = %v, want %v", transport.TLSHandshakeTimeout, DefaultConnectTimeout)
	}
	if transport.ResponseHeaderTimeout != DefaultConnectTimeout {
		t.Errorf("ResponseHeaderTimeout = %v, want %v", transport.ResponseHeaderTimeout, DefaultConnectTimeout)
	}

	before := time.Now()
	ctx, cancel := attemptContext(context.Background(), opts)
	defer cancel()
	deadline, ok := ctx.Deadline()
	if !ok {
		t.Fatal("attempt context has no deadline")
	}
	if left := deadline.Sub(before); left < DefaultConnectTimeout || left > DefaultConnectTimeout+time.Second {
		t.Errorf("attempt deadline is %v after the start, want %v", left, DefaultConnectTimeout)
	}
}

func TestTimeoutMessageNamesDefault(t *testing.T) {
	r := &run{req: demoRequest(testSecret), opts: withDefaults(Options{})}
	p := r.problem(CodeTimeout, "signin.ultipro.com", "", nil)
	for _, want := range []string{"Could not reach UKG at signin.ultipro.com, check network or proxy", "within 20 seconds"} {
		if !strings.Contains(p.Message, want) {
			t.Errorf("message %q does not contain %q", p.Message, want)
		}
	}
}

// TestLatencyBenchmarkRuns runs the body of BenchmarkVerifyLatency for the
// default bench time of one second, so that a broken benchmark fails go
// test and not only go test -bench.
func TestLatencyBenchmarkRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a benchmark for about a second")
	}
	const latency = 5 * time.Millisecond
	result := testing.Benchmark(func(b *testing.B) { benchmarkVerify(b, latency, false) })
	if result.N == 0 {
		t.Fatal("benchmark failed: no verification completed")
	}
	if xL := result.Extra["xL"]; xL < 2 {
		t.Errorf("a verification took %.2f × latency, want at least 2 for the token request and the probes", xL)
	}
}
