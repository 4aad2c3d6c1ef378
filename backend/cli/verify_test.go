package cli

import (
	"strings"
	"testing"

	"github.com/ukglink/ukglink/backend/ukg"
	"github.com/ukglink/ukglink/backend/verify"
)

func reportWith(status, tokenStatus, scopeSource string, granted, missing []string) *verify.Report {
	return &verify.Report{
		Status:        status,
		Checks:        []verify.Check{{Name: "token", Status: tokenStatus}, {Name: "scopes"}},
		ScopeSource:   scopeSource,
		GrantedScopes: granted,
		MissingScopes: missing,
	}
}

func TestPrintReportScopeLine(t *testing.T) {
	all := ukg.RequiredScopeNames()
	cases := []struct {
		name    string
		report  *verify.Report
		want    []string
		notWant []string
	}{
		{"invalid client",
			reportWith(verify.StatusFailed, verify.CheckFailed, verify.ScopeSourceNone, []string{}, []string{}),
			[]string{"Required scopes: not checked (no token)\n"},
			[]string{"granted:", "every required scope"}},
		{"no scope list",
			reportWith(verify.StatusVerified, verify.CheckOK, verify.ScopeSourceNone, []string{}, []string{}),
			[]string{"Required scopes: not listed by UKG; confirmed by read calls only\n",
				"Verified: UKG accepted the credentials and every read call succeeded."},
			[]string{"granted:", "every required scope is granted"}},
		{"all listed",
			reportWith(verify.StatusVerified, verify.CheckOK, verify.ScopeSourceResponse, all, []string{}),
			[]string{"Required scopes granted: 14 of 14 (from the token response)\n",
				"every required scope is granted"},
			[]string{"Missing scopes"}},
		{"two missing from claims",
			reportWith(verify.StatusFailed, verify.CheckOK, verify.ScopeSourceClaims, all[2:], all[:2]),
			[]string{"Required scopes granted: 12 of 14 (read from the token itself)\n",
				"Missing scopes, to send to UKG support:\n  " + all[0] + "\n  " + all[1] + "\n"},
			nil},
		{"probe refused without list",
			reportWith(verify.StatusFailed, verify.CheckOK, verify.ScopeSourceNone, []string{},
				[]string{"recruiting.domain.configuration.read"}),
			[]string{"not listed by UKG",
				"Missing scopes, to send to UKG support:\n  recruiting.domain.configuration.read\n"},
			[]string{"granted:"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			printReport(&out, tc.report)
			for _, want := range tc.want {
				if !strings.Contains(out.String(), want) {
					t.Errorf("output lacks %q:\n%s", want, out.String())
				}
			}
			for _, notWant := range tc.notWant {
				if strings.Contains(out.String(), notWant) {
					t.Errorf("output contains %q:\n%s", notWant, out.String())
				}
			}
		})
	}
}
