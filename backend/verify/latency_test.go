package verify

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ukglink/ukglink/backend/ukg"
	"github.com/ukglink/ukglink/backend/ukgsim"
)

// TestProbesRunConcurrently verifies against a simulator that delays every
// response by latency. The token request and the four probes take
// 5 × latency one after another, and 2 × latency when the probes run at
// once. The bound of 3 × latency leaves a full latency of slack for a slow
// machine.
func TestProbesRunConcurrently(t *testing.T) {
	const latency = 300 * time.Millisecond
	_, server, _ := simulator(t, ukgsim.Config{Latency: latency})
	req := demoRequest(ukgsim.DemoClientSecret)

	started := time.Now()
	rep := Verify(context.Background(), req, Options{Endpoint: server.URL})
	elapsed := time.Since(started)

	if rep.Status != StatusVerified {
		t.Fatalf("status = %q, problems %+v", rep.Status, rep.Problems)
	}
	for _, c := range rep.Checks[2:] {
		if c.DurationMS < latency.Milliseconds() {
			t.Errorf("check %s took %d ms, less than the simulated latency", c.Name, c.DurationMS)
		}
	}
	if elapsed >= 3*latency {
		t.Errorf("verification took %v, want less than %v with concurrent probes", elapsed, 3*latency)
	}

	// The sequential baseline shows that the simulator delays every request,
	// so the bound above is met by running the probes at once.
	started = time.Now()
	Verify(context.Background(), req, Options{Endpoint: server.URL, sequentialProbes: true})
	if sequential := time.Since(started); sequential < time.Duration(1+len(ukg.Probes))*latency {
		t.Errorf("sequential verification took %v, want at least %v", sequential, time.Duration(1+len(ukg.Probes))*latency)
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
