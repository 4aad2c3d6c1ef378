package ukg

import (
	"errors"
	"strings"
	"testing"
)

// checkFuzzError fails unless err is nil or a *FieldError with a message.
func checkFuzzError(t *testing.T, input string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var fe *FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("%q: error %v is %T, want *FieldError", input, err, err)
	}
	if fe.Message == "" {
		t.Fatalf("%q: *FieldError %q has an empty Message", input, fe.Code)
	}
	if fe.Position < 0 || fe.Position > len([]rune(input)) {
		t.Fatalf("%q: Position %d is outside the input", input, fe.Position)
	}
}

func FuzzParseSubdomain(f *testing.F) {
	for _, seed := range []string{
		"http://Servicet.ultipro.com/services/BIDataService",
		" SERVICET ",
		"recruiting.ultipro.com",
		"https://[::1]:8443/",
		"sіgnin.ultipro.com",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		got, err := ParseSubdomain(input)
		checkFuzzError(t, input, err)
		if err != nil {
			return
		}
		again, err := ParseSubdomain(got.Value.Value)
		if err != nil {
			t.Fatalf("%q gives %q, which is rejected: %v", input, got.Value.Value, err)
		}
		if again.Value.Value != got.Value.Value {
			t.Fatalf("%q gives %q, which parses to %q", input, got.Value.Value, again.Value.Value)
		}
	})
}

func FuzzParseTenant(f *testing.F) {
	for _, seed := range []string{
		"https://rec-demo-b.ultipro.com/USG1008IT124S/Dashboard",
		"usg1008it124s",
		"USG 1008",
		"/t/",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		got, err := ParseTenant(input)
		checkFuzzError(t, input, err)
		if err != nil {
			return
		}
		if !isAlphanumeric(got.Value) {
			t.Fatalf("%q gives tenant %q with other characters than letters and digits", input, got.Value)
		}
		if !strings.Contains(input, got.Value) {
			t.Fatalf("%q gives tenant %q, which it does not contain", input, got.Value)
		}
	})
}

func FuzzNormalizeHost(f *testing.F) {
	for _, seed := range []string{
		"SIGNIN.ULTIPRO.COM.",
		"signin.ultipro.com@evil.test",
		`evil.test\@signin.ultipro.com`,
		"%73ignin.ultipro.com",
		"xn--sgnin-fxa.ultipro.com",
		"0x7f000001",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		got, err := NormalizeHost(input)
		checkFuzzError(t, input, err)
		if err != nil {
			return
		}
		if bad, found := findBadRune(got, func(r rune) bool {
			return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.'
		}); found {
			t.Fatalf("%q normalizes to %q with %s", input, got, bad.describe())
		}
		again, err := NormalizeHost(got)
		if err != nil || again != got {
			t.Fatalf("%q normalizes to %q, which normalizes to %q (%v)", input, got, again, err)
		}
	})
}

func FuzzParseClientID(f *testing.F) {
	for _, seed := range []string{
		"8f2c1a7e-ukg-client ",
		"abc\tdef",
		"abc\u200bdef",
		"\ufeff\u00a0B4X7K\r\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		got, err := ParseClientID(input)
		checkFuzzError(t, input, err)
		if err != nil {
			return
		}
		if !strings.Contains(input, got.Value) {
			t.Fatalf("%q gives client ID %q, which it does not contain", input, got.Value)
		}
		if _, found := findBadRune(got.Value, isVisibleASCII); found {
			t.Fatalf("%q gives client ID %q with a character outside printable ASCII", input, got.Value)
		}
	})
}
