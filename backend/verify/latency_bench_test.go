package verify

import (
	"context"
	"flag"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ukglink/ukglink/backend/ukgsim"
)

var benchLatency = flag.Duration("verify.latency", 150*time.Millisecond,
	"simulated UKG latency per request for BenchmarkVerifyLatency")

// BenchmarkVerifyLatency verifies against a simulator on loopback that
// delays every response by -verify.latency (L). A verification is one
// token request followed by the probes, so 2 × L is its lower bound. The
// "sequential" case runs the same probes one after another as the baseline.
//
//	go test -run '^$' -bench VerifyLatency -benchtime 10x -count 5 ./backend/verify
func BenchmarkVerifyLatency(b *testing.B) {
	for _, mode := range []struct {
		name       string
		sequential bool
	}{
		{"probes=concurrent", false},
		{"probes=sequential", true},
	} {
		b.Run(mode.name, func(b *testing.B) {
			benchmarkVerify(b, *benchLatency, mode.sequential)
		})
	}
}

func benchmarkVerify(b *testing.B, latency time.Duration, sequential bool) {
	sim, err := ukgsim.New(ukgsim.Config{Latency: latency})
	if err != nil {
		b.Fatal(err)
	}
	var connections atomic.Int64
	server := httptest.NewUnstartedServer(sim)
	server.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			connections.Add(1)
		}
	}
	server.Start()
	b.Cleanup(func() {
		sim.Close()
		server.Close()
	})

	req := demoRequest(ukgsim.DemoClientSecret)
	opts := Options{Endpoint: server.URL, sequentialProbes: sequential}
	b.ResetTimer()
	for b.Loop() {
		rep := Verify(context.Background(), req, opts)
		if rep.Status != StatusVerified {
			b.Fatalf("status = %q, problems %+v", rep.Status, rep.Problems)
		}
	}
	b.StopTimer()

	perVerify := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(float64(perVerify.Microseconds())/1000, "ms/verify")
	b.ReportMetric(float64(perVerify)/float64(latency), "xL")
	b.ReportMetric(float64(connections.Load())/float64(b.N), "conns/verify")
}
