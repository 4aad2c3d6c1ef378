package ukg

import (
	"strings"
	"testing"
)

func TestParseSubdomain(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		value  string
		domain string
		// notes lists note codes that must be present.
		notes []string
	}{
		{"http url", "http://Servicet.ultipro.com/services/BIDataService", "servicet", "ultipro.com",
			[]string{"took_host_from_url", "lower_cased", "uses_https"}},
		{"host", "Servicet.ultipro.com", "servicet", "ultipro.com",
			[]string{"took_subdomain_from_host", "lower_cased"}},
		{"bare label", " SERVICET ", "servicet", "", []string{"trimmed", "lower_cased"}},
		{"canada host", "service3.ultipro.ca", "service3", "ultipro.ca", []string{"took_subdomain_from_host"}},
		{"ukgpro host", "service101.ukgpro.com", "service101", "ukgpro.com", nil},
		{"https url", "https://service2.ultipro.com/services/", "service2", "ultipro.com", []string{"took_host_from_url"}},
		{"leading spaces", "  https://servicet.ultipro.com/services/x", "servicet", "ultipro.com",
			[]string{"trimmed", "took_host_from_url"}},
		{"trailing dot", "servicet.ultipro.com.", "servicet", "ultipro.com", []string{"removed_trailing_dot"}},
		{"query", "https://servicet.ultipro.com?wsdl", "servicet", "ultipro.com", []string{"took_host_from_url"}},
		{"no scheme path", "servicet.ultipro.com/services/BIDataService", "servicet", "ultipro.com",
			[]string{"took_host_from_url"}},
		{"upper scheme", "HTTPS://servicet.ultipro.com/", "servicet", "ultipro.com", nil},
		{"lower bare label", "servicet", "servicet", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSubdomain(tt.input)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got.Value.Value != tt.value {
				t.Errorf("Value = %q, want %q", got.Value.Value, tt.value)
			}
			if got.Domain != tt.domain {
				t.Errorf("Domain = %q, want %q", got.Domain, tt.domain)
			}
			for _, code := range tt.notes {
				if _, ok := findNote(got.Notes, code); !ok {
					t.Errorf("notes %v, want %q", noteCodes(got.Notes), code)
				}
			}
		})
	}
}

func TestParseSubdomainUsedURL(t *testing.T) {
	inputs := []string{
		"http://Servicet.ultipro.com/services/BIDataService",
		"Servicet.ultipro.com",
		" SERVICET ",
	}
	for _, input := range inputs {
		t.Run(input, func(t *testing.T) {
			sub, err := ParseSubdomain(input)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			url, err := ServiceHostURL(sub.Value.Value, "test")
			if err != nil {
				t.Fatalf("ServiceHostURL: %v", err)
			}
			if got := url + " will be used"; got != "https://servicet.ultipro.com will be used" {
				t.Errorf("got %q", got)
			}
		})
	}
}

func TestParseSubdomainNotes(t *testing.T) {
	got, err := ParseSubdomain("http://Servicet.ultipro.com/services/BIDataService")
	if err != nil {
		t.Fatal(err)
	}
	https, _ := findNote(got.Notes, "uses_https")
	if !strings.Contains(https.Message, "https://servicet.ultipro.com will be used") {
		t.Errorf("https note = %q", https.Message)
	}
	lower, _ := findNote(got.Notes, "lower_cased")
	if !strings.Contains(lower.Message, `"Servicet.ultipro.com"`) {
		t.Errorf("lower-case note = %q", lower.Message)
	}
	if len(got.Warnings) != 0 {
		t.Errorf("warnings = %v, want none", noteCodes(got.Warnings))
	}
}

func TestParseSubdomainTrimNote(t *testing.T) {
	got, err := ParseSubdomain("  https://servicet.ultipro.com/services/BIDataService\r\n")
	if err != nil {
		t.Fatal(err)
	}
	note, _ := findNote(got.Notes, "trimmed")
	want := "Removed 2 spaces at the start and 1 line break at the end."
	if note.Message != want {
		t.Errorf("trim note = %q, want %q", note.Message, want)
	}
}

func TestParseSubdomainUnusualLabel(t *testing.T) {
	got, err := ParseSubdomain("e12.ultipro.com")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := findNote(got.Warnings, "unusual_subdomain"); !ok {
		t.Errorf("warnings = %v, want unusual_subdomain", noteCodes(got.Warnings))
	}
}

func TestParseSubdomainRejected(t *testing.T) {
	const help = `"Web Services" in the UKG Pro search bar`
	tests := []wantRejected{
		{name: "recruiting site", input: "recruiting.ultipro.com", code: "not_a_service_host",
			message: []string{"recruiting.ultipro.com is the address of the UKG Pro Recruiting website", help}},
		{name: "recruiting2 site", input: "https://recruiting2.ultipro.com/", code: "not_a_service_host",
			message: []string{"recruiting2.ultipro.com", "second cluster", help}},
		{name: "canada recruiting site", input: "recruiting.ultipro.ca", code: "not_a_service_host",
			message: []string{"Recruiting website in Canada", help}},
		{name: "recruiting demo", input: "rec-demo-b.ultipro.com", code: "not_a_service_host",
			message: []string{"rec-demo-b.ultipro.com is the address of a UKG Pro Recruiting demo website", help}},
		{name: "recruiting demo url", input: "https://rec-demo-b.ultipro.com/USG1008IT124S/Dashboard", code: "not_a_service_host",
			message: []string{"USG1008IT124S, is your tenant name", help}},
		{name: "organization site", input: "acme.rec.pro.ukg.net", code: "not_a_service_host",
			message: []string{"acme.rec.pro.ukg.net is the address of your organization's UKG Pro Recruiting website", help}},
		{name: "login page", input: "login.ultipro.com", code: "not_a_service_host",
			message: []string{"login.ultipro.com is the address of a sign-in page", help}},
		{name: "signin page", input: "https://signin.ukg.net/", code: "not_a_service_host",
			message: []string{"signin.ukg.net is the address of a sign-in page"}},
		{name: "other login", input: "login.microsoftonline.com", code: "not_a_service_host",
			message: []string{"sign-in page"}},
		{name: "signin label", input: "signin", code: "not_a_service_host",
			message: []string{"signin is the first part of signin.ultipro.com", "a sign-in page", help}},
		{name: "login label", input: " LOGIN ", code: "not_a_service_host",
			message: []string{"login is the first part of login.ultipro.com", "a sign-in page", help}},
		{name: "recruiting label", input: "recruiting", code: "not_a_service_host",
			message: []string{"recruiting.ultipro.com", "UKG Pro Recruiting website", help}},
		{name: "recruiting2 label", input: "recruiting2", code: "not_a_service_host",
			message: []string{"recruiting2.ultipro.com", "second cluster", help}},
		{name: "recruiting demo label", input: "rec-demo-b", code: "not_a_service_host",
			message: []string{"rec-demo-b.ultipro.com", "demo website", help}},
		{name: "recruiting on other domain", input: "recruiting.ukgpro.com", code: "not_a_service_host",
			message: []string{"recruiting.ukgpro.com starts like recruiting.ultipro.com", help}},
		{name: "recruiting demo in canada", input: "https://rec-demo-c.ultipro.ca/", code: "not_a_service_host",
			message: []string{"rec-demo-c.ultipro.com", "demo website"}},
		{name: "empty", input: " \r\n", code: "empty", message: []string{help}},
		{name: "unknown domain", input: "servicet.example.com", code: "unknown_domain",
			message: []string{"servicet.example.com is not a UKG address", "ultipro.ca"}},
		{name: "domain only", input: "https://ultipro.com", code: "no_subdomain"},
		{name: "two labels", input: "a.servicet.ultipro.com", code: "not_one_label"},
		{name: "space inside", input: "serv icet", code: "whitespace_inside", position: 5,
			message: []string{"a space at position 5"}},
		{name: "tab inside host", input: " servicet\t.ultipro.com", code: "whitespace_inside", position: 10},
		{name: "userinfo", input: "user@servicet.ultipro.com", code: "userinfo", position: 5},
		{name: "port", input: "https://servicet.ultipro.com:443/", code: "port", position: 29,
			message: []string{`":443"`}},
		{name: "ipv4", input: "http://10.0.0.1/services", code: "ip_literal"},
		{name: "ipv6", input: "https://[::1]:8443/", code: "ip_literal", position: 9},
		{name: "percent", input: "%73ervicet.ultipro.com", code: "percent_encoded", position: 1},
		{name: "percent bare label", input: "%73ervicet", code: "percent_encoded", position: 1,
			message: []string{"The subdomain"}},
		{name: "backslash", input: `https://evil.test\@servicet.ultipro.com`, code: "backslash", position: 18},
		{name: "homograph", input: "sеrvicet.ultipro.com", code: "non_ascii", position: 2,
			message: []string{"U+0435"}},
		{name: "punycode", input: "xn--srvicet-s0g.ultipro.com", code: "punycode"},
		{name: "zero width", input: "servi\u200bcet", code: "invisible_character", position: 6},
		{name: "ftp scheme", input: "ftp://servicet.ultipro.com", code: "unsupported_scheme", position: 1},
		{name: "hyphen start", input: "-servicet", code: "invalid_label"},
		{name: "underscore", input: "service_t", code: "invalid_character", position: 8},
		{name: "long label", input: strings.Repeat("a", 64), code: "label_too_long"},
		{name: "double dot", input: "servicet..ultipro.com", code: "empty_label"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSubdomain(tt.input)
			checkRejected(t, FieldSubdomain, err, tt)
		})
	}
}

func TestParseSubdomainExamples(t *testing.T) {
	tests := []struct {
		input   string
		example string
	}{
		{"user@servicet.ultipro.com", "such as servicet.ultipro.com."},
		{"https://evil.test\\@servicet.ultipro.com", "such as servicet.ultipro.com."},
		{"%73ervicet.ultipro.com", "such as servicet.ultipro.com."},
		{"http://10.0.0.1/services", "such as servicet.ultipro.com."},
		{"https://[servicet.ultipro.com/", "such as servicet.ultipro.com."},
		{"serv_icet.ultipro.com", "such as servicet.ultipro.com."},
		{"serv icet.ultipro.com", "such as servicet.ultipro.com."},
		{"service_t", "such as servicet."},
		{"%73ervicet", "such as servicet."},
		{"ftp://servicet.ultipro.com", "such as servicet.ultipro.com."},
	}
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			_, err := ParseSubdomain(tt.input)
			fe := fieldErrorOf(t, err)
			if !strings.Contains(fe.Message, tt.example) {
				t.Errorf("message %q does not contain %q", fe.Message, tt.example)
			}
			if strings.Contains(fe.Message, "signin") {
				t.Errorf("message %q shows an identity host as the example", fe.Message)
			}
		})
	}
}

func TestParseSubdomainMalformedScheme(t *testing.T) {
	tests := []wantRejected{
		{name: "one slash", input: "https:/servicet.ultipro.com", code: "malformed_scheme", position: 1,
			message: []string{`"https:/"`, "https://", "servicet.ultipro.com"}},
		{name: "no slash", input: "https:servicet.ultipro.com", code: "malformed_scheme", position: 1,
			message: []string{`"https:"`}},
		{name: "no colon", input: "http//Servicet.ultipro.com/services", code: "malformed_scheme", position: 1,
			message: []string{`"http//"`}},
		{name: "three slashes", input: "HTTPS:///servicet.ultipro.com", code: "malformed_scheme", position: 1,
			message: []string{`"HTTPS:///"`}},
		{name: "backslashes", input: `https:\\servicet.ultipro.com`, code: "malformed_scheme", position: 1},
		{name: "after spaces", input: "  https:/servicet.ultipro.com", code: "malformed_scheme", position: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSubdomain(tt.input)
			checkRejected(t, FieldSubdomain, err, tt)
			if fe := fieldErrorOf(t, err); strings.Contains(fe.Message, "port") {
				t.Errorf("message %q blames a port", fe.Message)
			}
		})
	}
}

func TestParseSubdomainExplanationsDiffer(t *testing.T) {
	inputs := []string{"recruiting.ultipro.com", "rec-demo-b.ultipro.com", "acme.rec.pro.ukg.net", "login.ultipro.com"}
	seen := map[string]string{}
	for _, input := range inputs {
		_, err := ParseSubdomain(input)
		fe := fieldErrorOf(t, err)
		first, _, _ := strings.Cut(fe.Message, ", not a web-service host")
		first = strings.Replace(first, input, "HOST", 1)
		if other, ok := seen[first]; ok {
			t.Errorf("%s and %s get the same explanation %q", input, other, first)
		}
		seen[first] = input
	}
}

func TestServiceHostURL(t *testing.T) {
	tests := []struct {
		label   string
		account string
		want    string
	}{
		{"servicet", "test", "https://servicet.ultipro.com"},
		{"service2", "", "https://service2.ultipro.com"},
		{"service3", "canada", "https://service3.ultipro.ca"},
		{"service101", "UKGPRO", "https://service101.ukgpro.com"},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			got, err := ServiceHostURL(tt.label, tt.account)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestServiceHostURLRejected(t *testing.T) {
	tests := []struct {
		name     string
		label    string
		account  string
		field    string
		code     string
		position int
	}{
		{"empty label", "", "test", FieldSubdomain, "not_one_label", 0},
		{"host as label", "servicet.ultipro.com", "test", FieldSubdomain, "not_one_label", 0},
		{"upper case", "Servicet", "test", FieldSubdomain, "not_normalized", 0},
		{"space", "serv icet", "test", FieldSubdomain, "whitespace_inside", 5},
		{"unknown account", "servicet", "moon", FieldAccountType, "unknown_account_type", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ServiceHostURL(tt.label, tt.account)
			checkRejected(t, tt.field, err, wantRejected{input: tt.label, code: tt.code, position: tt.position})
		})
	}
}
