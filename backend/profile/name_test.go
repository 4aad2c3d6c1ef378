package profile

import (
	"fmt"
	"strings"
	"testing"
)

func TestValidateName(t *testing.T) {
	cases := []struct {
		name string
		want string // part of the error, "" for a valid name
	}{
		{"acme", ""},
		{"Acme-Prod_2.test", ""},
		{"a", ""},
		{strings.Repeat("x", 64), ""},
		{"", "the name is empty"},
		{strings.Repeat("x", 65), "65 characters long, the maximum is 64"},
		{".hidden", "must not start with '.'"},
		{"a b", `character ' ' at position 2`},
		{"a/b", `character '/' at position 2`},
		{`a\b`, `character '\\' at position 2`},
		{"ünicode", `character 'ü' at position 1`},
		{"tab\t", `character '\t' at position 4`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateName(tc.name)
			if tc.want == "" {
				if err != nil {
					t.Errorf("ValidateName(%q) = %v, want nil", tc.name, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("ValidateName(%q) = nil, want an error", tc.name)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("%q", tc.name)) {
				t.Errorf("error %q does not name the value %q", err, tc.name)
			}
		})
	}
}
