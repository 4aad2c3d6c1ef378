package ukg

import (
	"strings"
	"testing"
)

func TestParseTenant(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		want     string
		notes    []string
		warnings []string
	}{
		{"recruiting url", "https://rec-demo-b.ultipro.com/USG1008IT124S/Dashboard", "USG1008IT124S",
			[]string{"took_tenant_from_url"}, nil},
		{"bare alias", "USG1008IT124S", "USG1008IT124S", nil, nil},
		{"lower case", "usg1008it124s", "usg1008it124s", nil, []string{"lower_case_tenant"}},
		{"trimmed", " ABC1234XY\r\n", "ABC1234XY", []string{"trimmed"}, nil},
		{"short shape", "ACME", "ACME", nil, []string{"unusual_tenant_shape"}},
		{"url without scheme", "recruiting.ultipro.com/ABC1234XY/Home", "ABC1234XY", []string{"took_tenant_from_url"}, nil},
		{"path only", "/ABC1234XY/Dashboard", "ABC1234XY", []string{"took_tenant_from_url"}, nil},
		{"alias then path", "ABC1234XY/Dashboard", "ABC1234XY", []string{"took_tenant_from_url"}, nil},
		{"query", "https://recruiting.ultipro.com/ABC1234XY?x=1", "ABC1234XY", nil, nil},
		{"token url", "https://signin.ultipro.com/signin/oauth2/t/ABC1234XY/access_token", "ABC1234XY", nil, nil},
		{"legacy token url", "https://login.ultipro.com/t/ABC1234XY/token", "ABC1234XY", nil, nil},
		{"api url", "https://servicet.ultipro.com/talent/recruiting/v2/ABC1234XY/api/opportunities", "ABC1234XY", nil, nil},
		{"double slash", "https://recruiting.ultipro.com//ABC1234XY/", "ABC1234XY", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseTenant(tt.input)
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
			if len(got.Warnings) != len(tt.warnings) {
				t.Errorf("warnings %v, want %v", noteCodes(got.Warnings), tt.warnings)
			}
			for _, code := range tt.warnings {
				if _, ok := findNote(got.Warnings, code); !ok {
					t.Errorf("warnings %v, want %q", noteCodes(got.Warnings), code)
				}
			}
		})
	}
}

func TestParseTenantForeignHost(t *testing.T) {
	tests := []struct {
		name  string
		input string
		shown string
	}{
		{"other domain", "https://evil.example.com/USG1008IT124S", "evil.example.com"},
		{"look-alike domain", "https://recruiting.ultipro.com.example.net/USG1008IT124S/Dashboard",
			"recruiting.ultipro.com.example.net"},
		{"no scheme", "Evil.Example.com/USG1008IT124S", "evil.example.com"},
		{"user info", "https://admin:Hunter2-pass@evil.example.com/USG1008IT124S", "evil.example.com"},
		{"ip address", "http://10.0.0.1/USG1008IT124S", `"10.0.0.1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseTenant(tt.input)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got.Value != ExampleTenant {
				t.Errorf("Value = %q, want %q", got.Value, ExampleTenant)
			}
			warning, ok := findNote(got.Warnings, "not_ukg_address")
			if !ok {
				t.Fatalf("warnings %v, want not_ukg_address", noteCodes(got.Warnings))
			}
			if want := "on " + tt.shown + ", which is not a UKG address"; !strings.Contains(warning.Message, want) {
				t.Errorf("warning %q does not contain %q", warning.Message, want)
			}
			if strings.Contains(warning.Message, "Hunter2-pass") {
				t.Errorf("warning %q contains the password", warning.Message)
			}
		})
	}
}

func TestParseTenantLowerCaseWarning(t *testing.T) {
	got, err := ParseTenant("usg1008it124s")
	if err != nil {
		t.Fatal(err)
	}
	warning, _ := findNote(got.Warnings, "lower_case_tenant")
	if !strings.Contains(warning.Message, "UKG tenant aliases are usually upper case, e.g. USG1008IT124S") {
		t.Errorf("warning = %q", warning.Message)
	}
	if !strings.Contains(warning.Message, "try USG1008IT124S") {
		t.Errorf("warning does not suggest the upper-case form: %q", warning.Message)
	}
}

func TestTenantShape(t *testing.T) {
	tests := []struct {
		tenant string
		want   bool
	}{
		{"USG1008IT124S", true},
		{"ABC1234XY", true},
		{"ABC1234XYZ1234", false},
		{"ABC1234X", false},
		{"AB12345XY", false},
		{"ACME", false},
	}
	for _, tt := range tests {
		t.Run(tt.tenant, func(t *testing.T) {
			if got := TenantShape.MatchString(tt.tenant); got != tt.want {
				t.Errorf("TenantShape.MatchString(%q) = %v, want %v", tt.tenant, got, tt.want)
			}
		})
	}
}

func TestParseTenantRejected(t *testing.T) {
	tests := []wantRejected{
		{name: "space inside", input: "USG 1008", code: "whitespace_inside", position: 4,
			message: []string{"a space at position 4"}},
		{name: "space after trim", input: "  USG 1008", code: "whitespace_inside", position: 6},
		{name: "empty", input: "\t", code: "empty", message: []string{"first part of the path"}},
		{name: "hyphen", input: "USG-1008", code: "invalid_character", position: 4, message: []string{`"-"`}},
		{name: "zero width", input: "USG\u200b1008", code: "invisible_character", position: 4},
		{name: "non ascii", input: "USG1008İT", code: "non_ascii", position: 8},
		{name: "no path", input: "https://recruiting.ultipro.com/", code: "no_tenant_in_url"},
		{name: "percent in url", input: "https://recruiting.ultipro.com/USG%31008/Dashboard", code: "invalid_character",
			position: 35},
		{name: "ftp url", input: "ftp://recruiting.ultipro.com/USG1008IT124S", code: "unsupported_scheme", position: 1,
			message: []string{"the tenant name, such as USG1008IT124S"}},
		{name: "percent position", input: "https://recruiting.ultipro.com/USG1008%49T124S/x", code: "invalid_character",
			position: 39, message: []string{`"USG1008%49T124S" contains the character "%" at position 8.`}},
		{name: "space position after trim", input: "  USG 1008", code: "whitespace_inside", position: 6,
			message: []string{`"USG 1008" contains a space at position 4.`}},
		{name: "malformed scheme", input: "https:/recruiting.ultipro.com/USG1008IT124S/Dashboard", code: "malformed_scheme",
			position: 1, message: []string{`"https:/"`, "the tenant name, such as USG1008IT124S"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseTenant(tt.input)
			checkRejected(t, FieldTenant, err, tt)
		})
	}
}
