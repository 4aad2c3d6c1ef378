package verify

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ukglink/ukglink/backend/secret"
)

func TestRedactorForms(t *testing.T) {
	const value = "Zq8tEsT/+$%=k3Jd"
	tests := []struct {
		name string
		text string
		want string
	}{
		{"raw", "bad " + value + " here", "bad " + secret.Redacted + " here"},
		{"form-encoded", "x=Zq8tEsT%2F%2B%24%25%3Dk3Jd", "x=" + secret.Redacted},
		{"lower-case hex", "zq8test%2f%2b%24%25%3dk3jd", secret.Redacted},
		{"path-encoded", "Zq8tEsT%2F+$%25=k3Jd", secret.Redacted},
		{"json slash", `Zq8tEsT\/+$%=k3Jd`, secret.Redacted},
		{"prefix only", "cut Zq8tEsT/+…", "cut " + secret.Redacted + "…"},
		{"piece inside", "..T/+$%=k3..", ".." + secret.Redacted + ".."},
		{"short piece kept", "Zq8tEsT", "Zq8tEsT"},
		{"twice", value + " and " + value, secret.Redacted + " and " + secret.Redacted},
		{"unrelated", "invalid_client", "invalid_client"},
	}
	rd := newRedactor(value)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rd.redact(tt.text); got != tt.want {
				t.Errorf("redact(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestRedactorShortValues(t *testing.T) {
	rd := newRedactor("", "abc", "wxyz")
	if got := rd.redact("abc wxyz"); got != "abc "+secret.Redacted {
		t.Errorf("got %q, want only the 4-byte value redacted", got)
	}
}

func TestRedactorKeepsUTF8(t *testing.T) {
	rd := newRedactor("pässwörd-geheim-1234")
	got := rd.redact("echo: pässwörd-geh…")
	if !utf8.ValidString(got) {
		t.Errorf("result %q is not valid UTF-8", got)
	}
	if strings.Contains(got, "sswö") {
		t.Errorf("result %q contains part of the value", got)
	}
}
