package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/secret"
	"github.com/ukglink/ukglink/backend/ukg"
	"github.com/ukglink/ukglink/backend/verify"
)

const verifyUsage = "[--profile NAME | --subdomain S --tenant T --client-id ID] [--account-type ID] [--json] [--ukg-endpoint URL]"

func runVerify(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "verify", verifyUsage)
	flags := addProfileFlags(fs)
	asJSON := fs.Bool("json", false, "print the verification report as JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError(fmt.Errorf("unexpected argument %q", fs.Arg(0)), "usage: ukglink verify "+verifyUsage)
	}
	p, s, endpoint, err := resolveAll(ctx, e, flags)
	if err != nil {
		return err
	}

	report := runVerification(ctx, e, p, s, endpoint, !*asJSON)
	if flags.name != "" {
		saveReport(e, flags.name, report)
	}
	if *asJSON {
		if err := writeJSON(e.Out, report); err != nil {
			return failure(err)
		}
	} else {
		printReport(e.Out, report)
	}
	if report.Status != "verified" {
		return errVerificationFailed
	}
	return nil
}

// resolveAll reads the profile, the client secret and the endpoint.
func resolveAll(ctx context.Context, e *env, flags *profileFlags) (profile.Profile, secret.Secret, string, error) {
	p, err := flags.resolveProfile(e)
	if err != nil {
		return p, secret.Secret{}, "", err
	}
	endpoint, err := flags.resolveEndpoint(e)
	if err != nil {
		return p, secret.Secret{}, "", err
	}
	s, err := flags.resolveSecret(ctx, e, p.ClientID)
	if err != nil {
		return p, secret.Secret{}, "", err
	}
	return p, s, endpoint, nil
}

func runVerification(ctx context.Context, e *env, p profile.Profile, s secret.Secret, endpoint string, progress bool) *verify.Report {
	opts := verify.Options{Endpoint: endpoint, Logger: e.log}
	if progress {
		fmt.Fprintf(e.Err, "Verifying tenant %s on %s ...\n", p.Tenant, p.Subdomain)
	}
	return verify.Verify(ctx, verify.Request{Profile: p, Secret: s}, opts)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printReport writes the report for a person: one line per check, then one
// block per problem with what to do next.
func printReport(w io.Writer, r *verify.Report) {
	if r.Simulated {
		fmt.Fprintln(w, "Simulated: this run used the UKG simulator, not UKG.")
	}
	fmt.Fprintf(w, "Identity host: %s\nWeb-service host: %s\n", r.Endpoints.IdentityHost, r.Endpoints.ServiceHost)
	for _, c := range r.Checks {
		status := ""
		if c.HTTPStatus != 0 {
			status = fmt.Sprintf("HTTP %d", c.HTTPStatus)
		}
		fmt.Fprintf(w, "  %-8s %-28s %-9s %5d ms\n", c.Status, c.Name, status, c.DurationMS)
	}
	printScopeLine(w, r)
	for _, p := range r.Problems {
		fmt.Fprintf(w, "\nProblem: %s [%s]\n  %s\n", p.Title, p.Code, p.Message)
		if p.Detail != "" {
			fmt.Fprintf(w, "  detail: %s\n", p.Detail)
		}
	}
	if len(r.MissingScopes) > 0 {
		fmt.Fprintf(w, "\nMissing scopes, to send to UKG support:\n  %s\n", strings.Join(r.MissingScopes, "\n  "))
	}
	switch {
	case r.Status == verify.StatusVerified && scopesListed(r):
		fmt.Fprintln(w, "\nVerified: UKG accepted the credentials and every required scope is granted.")
	case r.Status == verify.StatusVerified:
		fmt.Fprintln(w, "\nVerified: UKG accepted the credentials and every read call succeeded. "+
			"UKG did not list the granted scopes, so only the read calls confirm access.")
	case r.Status == verify.StatusCancelled:
		fmt.Fprintln(w, "\nCancelled: verification was stopped before it finished.")
	default:
		fmt.Fprintln(w, "\nVerification failed: fix the problems above and run it again.")
	}
}

// printScopeLine prints how many required scopes the token listed. A count
// appears only when UKG listed the granted scopes, because without a list
// or without a token nothing about the scopes is known.
func printScopeLine(w io.Writer, r *verify.Report) {
	switch {
	case scopesListed(r):
		required := ukg.RequiredScopeNames()
		granted := 0
		for _, name := range required {
			if slices.Contains(r.GrantedScopes, name) {
				granted++
			}
		}
		fmt.Fprintf(w, "Required scopes granted: %d of %d (%s)\n", granted, len(required), scopeSourceText(r.ScopeSource))
	case tokenIssued(r):
		fmt.Fprintln(w, "Required scopes: not listed by UKG; confirmed by read calls only")
	default:
		fmt.Fprintln(w, "Required scopes: not checked (no token)")
	}
}

// scopesListed reports whether the scopes check compared a granted-scope
// list from UKG with the required scopes.
func scopesListed(r *verify.Report) bool {
	return r.ScopeSource == verify.ScopeSourceResponse || r.ScopeSource == verify.ScopeSourceClaims
}

// tokenIssued reports whether the token request of r succeeded.
func tokenIssued(r *verify.Report) bool {
	for _, c := range r.Checks {
		if c.Name == "token" {
			return c.Status == verify.CheckOK
		}
	}
	return false
}

func scopeSourceText(source string) string {
	if source == verify.ScopeSourceClaims {
		return "read from the token itself"
	}
	return "from the token response"
}

// saveReport keeps the report in the saved profile, for "ukglink snapshot"
// and the app's Verify screen. A failure is logged, not fatal.
func saveReport(e *env, name string, report *verify.Report) {
	store, err := profile.OpenStore()
	if err != nil {
		e.log.Warn("report not saved", "profile", name, "error", err)
		return
	}
	draft, err := store.Load(name)
	if err != nil {
		e.log.Warn("report not saved", "profile", name, "error", err)
		return
	}
	raw, err := json.Marshal(report)
	if err != nil {
		e.log.Warn("report not saved", "profile", name, "error", err)
		return
	}
	draft.LastReport = raw
	if err := store.Save(draft); err != nil {
		e.log.Warn("report not saved", "profile", name, "error", err)
	}
}
