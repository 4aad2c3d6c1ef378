package ukg

import (
	"strings"
	"testing"
)

func TestNormalizeHost(t *testing.T) {
	tests := []struct {
		input string
		want  string
	}{
		{"signin.ultipro.com", "signin.ultipro.com"},
		{"SIGNIN.ULTIPRO.COM", "signin.ultipro.com"},
		{"signin.ultipro.com.", "signin.ultipro.com"},
		{"Service-2.UltiPro.com", "service-2.ultipro.com"},
		{"localhost", "localhost"},
		{"a1.b2.c3", "a1.b2.c3"},
	}
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			got, err := NormalizeHost(tt.input)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNormalizeHostRejected(t *testing.T) {
	tests := []wantRejected{
		{name: "empty", input: "", code: "empty"},
		{name: "suffix attack", input: "signin.ultipro.com@evil.test", code: "userinfo", position: 19,
			message: []string{`"evil.test"`}},
		{name: "backslash", input: `evil.test\@signin.ultipro.com`, code: "backslash", position: 10},
		{name: "port", input: "signin.ultipro.com:8443", code: "port", position: 19, message: []string{`":8443"`}},
		{name: "ipv4", input: "127.0.0.1", code: "ip_literal"},
		{name: "short ipv4", input: "127.1", code: "ip_literal"},
		{name: "hex ipv4", input: "0x7f000001", code: "ip_literal"},
		{name: "ipv6 brackets", input: "[::1]", code: "ip_literal", position: 1},
		{name: "ipv6 bare", input: "::1", code: "ip_literal", position: 1},
		{name: "cyrillic i", input: "sіgnin.ultipro.com", code: "non_ascii", position: 2,
			message: []string{"U+0456", "look-alike"}},
		{name: "fullwidth dot", input: "signin\uff0eultipro.com", code: "non_ascii", position: 7},
		{name: "punycode", input: "xn--sgnin-fxa.ultipro.com", code: "punycode", message: []string{"xn--sgnin-fxa"}},
		{name: "upper punycode", input: "XN--sgnin-fxa.ultipro.com", code: "punycode"},
		{name: "percent", input: "%73ignin.ultipro.com", code: "percent_encoded", position: 1},
		{name: "space", input: "signin .ultipro.com", code: "whitespace_inside", position: 7},
		{name: "path", input: "signin.ultipro.com/x", code: "invalid_character", position: 19},
		{name: "two trailing dots", input: "signin.ultipro.com..", code: "empty_label"},
		{name: "only dot", input: ".", code: "empty_label"},
		{name: "leading dot", input: ".ultipro.com", code: "empty_label"},
		{name: "hyphen end", input: "signin-.ultipro.com", code: "invalid_label"},
		{name: "too long", input: strings.Repeat("a.", 127) + "com", code: "too_long"},
		{name: "invalid utf8", input: "sign\xffin.ultipro.com", code: "non_ascii", position: 5},
		{name: "null byte", input: "signin\x00.ultipro.com", code: "invalid_character", position: 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NormalizeHost(tt.input)
			checkRejected(t, "", err, tt)
		})
	}
}

func TestIsUKGHost(t *testing.T) {
	tests := []struct {
		host string
		want bool
	}{
		{"servicet.ultipro.com", true},
		{"SERVICE3.ULTIPRO.CA", true},
		{"service101.ukgpro.com", true},
		{"acme.rec.pro.ukg.net", true},
		{"signin.ultipro.com.", true},
		{"ultipro.com", false},
		{"servicet.ultipro.com.example.net", false},
		{"evilultipro.com", false},
		{"servicet.ultipro.com:443", false},
		{"user@servicet.ultipro.com", false},
		{"sеrvicet.ultipro.com", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			if got := IsUKGHost(tt.host); got != tt.want {
				t.Errorf("IsUKGHost(%q) = %v, want %v", tt.host, got, tt.want)
			}
		})
	}
}

func TestParseIdentityHost(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
		notes []string
	}{
		{"plain", "signin.ultipro.com", "signin.ultipro.com", nil},
		{"upper case", "SIGNIN.ULTIPRO.COM", "signin.ultipro.com", []string{"lower_cased"}},
		{"trailing dot", "signin.ultipro.com.", "signin.ultipro.com", []string{"removed_trailing_dot"}},
		{"token url", "https://signin.ultipro.com/signin/oauth2/t/X/access_token", "signin.ultipro.com",
			[]string{"took_host_from_url"}},
		{"legacy url", "https://login.ultipro.ca/t/X/token", "login.ultipro.ca", []string{"took_host_from_url"}},
		{"http url", "http://signin.ukg.net/", "signin.ukg.net", []string{"took_host_from_url", "uses_https"}},
		{"trimmed", " signin.ukg.net\r\n", "signin.ukg.net", []string{"trimmed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseIdentityHost(tt.input)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got.Value != tt.want {
				t.Errorf("Value = %q, want %q", got.Value, tt.want)
			}
			for _, code := range tt.notes {
				if _, ok := findNote(got.Notes, code); !ok {
					t.Errorf("notes %v, want %q", noteCodes(got.Notes), code)
				}
			}
		})
	}
}

func TestParseIdentityHostExamples(t *testing.T) {
	inputs := []string{
		"signin.ultipro.com@evil.test",
		"evil.test\\@signin.ultipro.com",
		"%73ignin.ultipro.com",
		"127.0.0.1",
		"sign_in.ultipro.com",
		"[signin.ultipro.com",
		"ftp://signin.ultipro.com",
	}
	for _, input := range inputs {
		t.Run(input, func(t *testing.T) {
			_, err := ParseIdentityHost(input)
			fe := fieldErrorOf(t, err)
			if !strings.Contains(fe.Message, "such as signin.ultipro.com.") {
				t.Errorf("message %q does not show an identity host as the example", fe.Message)
			}
		})
	}
}

func TestParseIdentityHostMalformedScheme(t *testing.T) {
	_, err := ParseIdentityHost("https:/signin.ultipro.com/signin/oauth2/t/X/access_token")
	checkRejected(t, FieldIdentityHost, err, wantRejected{
		input: "https:/signin.ultipro.com", code: "malformed_scheme", position: 1,
		message: []string{`"https:/"`, "such as signin.ultipro.com"},
	})
}

func TestParseIdentityHostURLNote(t *testing.T) {
	got, err := ParseIdentityHost("https://signin.ultipro.com/signin/oauth2/t/X/access_token")
	if err != nil {
		t.Fatal(err)
	}
	note, _ := findNote(got.Notes, "took_host_from_url")
	if note.Message != "Took the host signin.ultipro.com from the address you pasted." {
		t.Errorf("note = %q", note.Message)
	}
}

func TestParseIdentityHostRejected(t *testing.T) {
	allowed := []string{"signin.ultipro.com", "signin.ukg.net", "login.ultipro.ca"}
	tests := []wantRejected{
		{name: "suffix", input: "signin.ultipro.com.example.net", code: "host_not_allowed", message: allowed},
		{name: "userinfo", input: "signin.ultipro.com@evil.test", code: "userinfo", position: 19},
		{name: "userinfo url", input: "https://signin.ultipro.com@evil.test/", code: "userinfo", position: 27},
		{name: "backslash", input: `evil.test\@signin.ultipro.com`, code: "backslash", position: 10},
		{name: "port", input: "signin.ultipro.com:8443", code: "port", position: 19},
		{name: "cyrillic i", input: "sіgnin.ultipro.com", code: "non_ascii", position: 2},
		{name: "punycode", input: "xn--sgnin-fxa.ultipro.com", code: "punycode"},
		{name: "percent", input: "%73ignin.ultipro.com", code: "percent_encoded", position: 1},
		{name: "ipv4", input: "127.0.0.1", code: "ip_literal"},
		{name: "ipv6", input: "[::1]", code: "ip_literal", position: 1},
		{name: "service host", input: "servicet.ultipro.com", code: "host_not_allowed",
			message: []string{"web-service host"}},
		{name: "other domain", input: "login.microsoftonline.com", code: "host_not_allowed"},
		{name: "empty", input: "  ", code: "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseIdentityHost(tt.input)
			checkRejected(t, FieldIdentityHost, err, tt)
		})
	}
}

func TestParseIdentityHostHidesUserinfo(t *testing.T) {
	_, err := ParseIdentityHost("https://admin:Hunter2-pass@signin.ultipro.com/")
	fe := fieldErrorOf(t, err)
	if strings.Contains(fe.Message, "Hunter2-pass") {
		t.Errorf("message contains the password: %q", fe.Message)
	}
	if strings.Contains(err.Error(), "Hunter2-pass") {
		t.Errorf("error contains the password: %q", err.Error())
	}
}

func TestIdentityHostsAreNormalized(t *testing.T) {
	for _, h := range IdentityHosts {
		got, err := NormalizeHost(h.Host)
		if err != nil {
			t.Errorf("%s: %v", h.Host, err)
			continue
		}
		if got != h.Host {
			t.Errorf("%s normalizes to %s", h.Host, got)
		}
	}
}
