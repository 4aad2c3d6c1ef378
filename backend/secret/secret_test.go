package secret

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

const testValue = "s3cr3t-VALUE=="

func TestSecretFormatVerbsRedact(t *testing.T) {
	s := New(testValue)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%10s", "%d"} {
		out := fmt.Sprintf(verb, s)
		if strings.Contains(out, testValue) || strings.Contains(out, fmt.Sprintf("%x", testValue)) {
			t.Errorf("fmt %s printed the value: %q", verb, out)
		}
	}
}

func TestSecretInsideStructRedacts(t *testing.T) {
	type holder struct {
		Name   string
		Secret Secret
	}
	h := holder{Name: "prod", Secret: New(testValue)}
	for _, verb := range []string{"%v", "%+v", "%#v"} {
		if out := fmt.Sprintf(verb, h); strings.Contains(out, testValue) {
			t.Errorf("fmt %s of a struct printed the value: %q", verb, out)
		}
	}
	data, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), testValue) {
		t.Errorf("JSON printed the value: %s", data)
	}
}

func TestSecretSlogRedacts(t *testing.T) {
	var b strings.Builder
	logger := slog.New(slog.NewJSONHandler(&b, nil))
	logger.Info("saved", "secret", New(testValue))
	logger.Info("saved", slog.Any("secret", New(testValue)))
	if strings.Contains(b.String(), testValue) {
		t.Errorf("slog printed the value: %s", b.String())
	}
	if !strings.Contains(b.String(), Redacted) {
		t.Errorf("slog output lacks %q: %s", Redacted, b.String())
	}
}

func TestSecretRevealAndLen(t *testing.T) {
	s := New(testValue)
	if s.Reveal() != testValue {
		t.Errorf("Reveal() = %q", s.Reveal())
	}
	if s.Len() != len(testValue) {
		t.Errorf("Len() = %d, want %d", s.Len(), len(testValue))
	}
	if s.IsZero() {
		t.Error("IsZero() = true for a set secret")
	}
	if !New("").IsZero() {
		t.Error("IsZero() = false for an empty secret")
	}
	if !s.Equal(New(testValue)) || s.Equal(New("other")) {
		t.Error("Equal compares wrongly")
	}
}
