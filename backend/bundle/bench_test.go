package bundle

import (
	"bytes"
	"testing"

	"filippo.io/age"
)

func BenchmarkSeal(b *testing.B) {
	c := testContents()
	opts := SealOptions{Recipients: []age.Recipient{testIdentity(b).Recipient()}, Now: fixedClock(testNow)}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Seal(&buf, c, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

func BenchmarkOpen(b *testing.B) {
	file := sealTest(b, testContents())
	opts := OpenOptions{Identities: []age.Identity{testIdentity(b)}, Now: fixedClock(testNow)}
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		if _, err := Open(bytes.NewReader(file), opts); err != nil {
			b.Fatal(err)
		}
	}
}
