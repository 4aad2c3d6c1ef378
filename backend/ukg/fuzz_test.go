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

func FuzzParseClientSecret(f *testing.F) {
	for _, seed := range []string{
		"ab/cd+ef$gh%20",
		" Zq8-tEsT-sEcReT/+=$%-9Lk2Vw\r\n",
		"abc\r\ndef",
		"\u2060abc==\u200c",
		"abc\xffdef",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		got, err := ParseClientSecret(input)
		checkFuzzError(t, input, err)
		if err != nil {
			return
		}
		value := got.Secret.Reveal()
		if value == "" || !strings.Contains(input, value) {
			t.Fatalf("%q gives a secret of %d bytes that the input does not contain", input, len(value))
		}
		if bad, found := findBadRune(value, isSecretRune); found {
			t.Fatalf("%q gives a secret with %s", input, bad.describe())
		}
		again, err := ParseClientSecret(value)
		if err != nil {
			t.Fatalf("%q gives a secret that is rejected: %v", input, err)
		}
		if again.Secret.Reveal() != value || len(again.Notes) != 0 {
			t.Fatalf("%q gives a secret that changes when parsed again (notes %v)", input, noteCodes(again.Notes))
		}
		// The notes have no run of MinClientSecretLength characters without
		// a space, so such a secret can appear in them only by a leak.
		if len(value) >= MinClientSecretLength && !strings.ContainsAny(value, " \u00a0") {
			for _, n := range append(got.Notes, got.Warnings...) {
				if strings.Contains(n.Message, value) {
					t.Fatalf("note %s contains the secret", n.Code)
				}
			}
		}
	})
}

func FuzzParseIdentityHost(f *testing.F) {
	for _, seed := range []string{
		"SIGNIN.ULTIPRO.COM.",
		"https://signin.ukg.net/signin/oauth2/t/USG1008IT124S/access_token",
		"signin.ultipro.com@evil.test",
		"https:/login.ultipro.ca/t/USG1008IT124S/token",
		"sіgnin.ultipro.com",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		got, err := ParseIdentityHost(input)
		checkFuzzError(t, input, err)
		if err != nil {
			return
		}
		if _, ok := LookupIdentityHost(got.Value); !ok {
			t.Fatalf("%q gives %q, which is not on the identity-host allow-list", input, got.Value)
		}
		again, err := ParseIdentityHost(got.Value)
		if err != nil {
			t.Fatalf("%q gives %q, which is rejected: %v", input, got.Value, err)
		}
		if again.Value != got.Value || len(again.Notes) != 0 {
			t.Fatalf("%q gives %q, which parses to %q with notes %v", input, got.Value, again.Value, noteCodes(again.Notes))
		}
	})
}

func FuzzParseAccountType(f *testing.F) {
	for _, seed := range []string{"production", " TEST ", "Canada\r\n", "sandbox", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		got, err := ParseAccountType(input)
		checkFuzzError(t, input, err)
		if err != nil {
			return
		}
		if want, ok := LookupAccountType(got.ID); !ok || want != got {
			t.Fatalf("%q gives %+v, which is not an entry of AccountTypes", input, got)
		}
		again, err := ParseAccountType(got.ID)
		if err != nil || again.ID != got.ID {
			t.Fatalf("%q gives %q, which parses to %q (%v)", input, got.ID, again.ID, err)
		}
	})
}
