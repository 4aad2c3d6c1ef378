package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/ukglink/ukglink/backend/bundle"
	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/secret"
	"github.com/ukglink/ukglink/backend/verify"
)

const openUsage = "-i IDENTITY_FILE | --passphrase-file FILE [--json] [--reveal-secret] [--allow-expired] FILE"

func runOpen(_ context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "open", openUsage)
	identityFile := fs.String("i", "", "age identity `FILE` (AGE-SECRET-KEY-1...) to open the bundle with")
	passphraseFile := fs.String("passphrase-file", "", "read the bundle's passphrase from `FILE` (\"-\" for standard input)")
	asJSON := fs.Bool("json", false, "print the contents as JSON")
	reveal := fs.Bool("reveal-secret", false, "print the client secret instead of [redacted]")
	allowExpired := fs.Bool("allow-expired", false, "open a bundle whose expiry has passed")
	appendHelp(e, fs, openExitCodes+demoBundleHelp())
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError(errors.New("open needs one bundle FILE"), "usage: ukglink open "+openUsage)
	}
	contents, err := openBundleFile(e, fs.Arg(0), *identityFile, *passphraseFile, *allowExpired)
	if err != nil {
		return err
	}
	e.log.Info("bundle opened", "path", fs.Arg(0), "bundle_id", contents.BundleID, "secret_revealed", *reveal)
	view := newBundleView(contents, *reveal)
	if *asJSON {
		return writeJSON(e.Out, view)
	}
	printBundle(e.Out, view)
	return nil
}

// demoBundleHelp returns the help text on opening a bundle sealed with
// seal --demo-key.
func demoBundleHelp() string {
	return "\nA bundle sealed with \"ukglink seal --demo-key\" opens here with:\n  ukglink open -i " +
		bundle.DemoIdentityPath() + " FILE\n"
}

// loadOpeners returns the identities from -i, or the passphrase identity.
func loadOpeners(e *env, identityFile, passphraseFile string) ([]age.Identity, error) {
	switch {
	case identityFile != "" && passphraseFile != "":
		return nil, usageError(errors.New("give either -i or --passphrase-file, not both"))
	case strings.HasPrefix(strings.ToUpper(strings.TrimSpace(identityFile)), "AGE-SECRET-KEY-"):
		// The key itself was pasted: keep it out of the messages and the log.
		return nil, usageError(errors.New("-i takes the path of an identity file, not the key itself"),
			"save the AGE-SECRET-KEY-1... line in a file and give its path")
	case identityFile != "":
		identities, err := bundle.LoadIdentities(identityFile)
		if err != nil {
			return nil, usageError(err)
		}
		return identities, nil
	case passphraseFile != "":
		passphrase, err := readPassphrase(e, passphraseFile)
		if err != nil {
			return nil, err
		}
		identity, err := bundle.PassphraseIdentity(passphrase)
		if err != nil {
			return nil, usageError(err)
		}
		return []age.Identity{identity}, nil
	}
	return nil, usageError(errors.New("missing -i IDENTITY_FILE or --passphrase-file FILE"),
		"support opens customer bundles with the recruiting product's identity file")
}

// readPassphrase reads a passphrase from a file or standard input ("-"),
// without the line break at its end. Errors never contain the path, because
// a passphrase pasted where the file name belongs would otherwise reach the
// output and the log.
func readPassphrase(e *env, path string) (string, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(io.LimitReader(e.In, 4096))
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return "", usageError(namedFileError("--passphrase-file", err),
			"give the path of a file that contains only the passphrase, or - for standard input")
	}
	return strings.TrimRight(string(data), "\r\n"), nil
}

// bundleView is what "open" prints: the contents with the secret redacted
// unless revealed.
type bundleView struct {
	FormatVersion   int                 `json:"format_version"`
	BundleID        string              `json:"bundle_id"`
	CreatedAt       time.Time           `json:"created_at"`
	ExpiresAt       time.Time           `json:"expires_at"`
	AppVersion      string              `json:"app_version"`
	Profile         profile.Profile     `json:"profile"`
	ClientSecret    string              `json:"client_secret"`
	SecretLength    int                 `json:"client_secret_length"`
	RequestedScopes []string            `json:"requested_scopes"`
	Verification    bundle.Verification `json:"verification"`
	// Expired is set for a bundle opened with --allow-expired after its expiry.
	Expired bool `json:"expired"`
}

func newBundleView(c bundle.Contents, reveal bool) bundleView {
	shown := secret.Redacted
	if reveal {
		shown = c.ClientSecret.Reveal()
	}
	return bundleView{
		FormatVersion:   c.FormatVersion,
		BundleID:        c.BundleID,
		CreatedAt:       c.CreatedAt,
		ExpiresAt:       c.ExpiresAt,
		AppVersion:      c.AppVersion,
		Profile:         c.Profile,
		ClientSecret:    shown,
		SecretLength:    len([]rune(c.ClientSecret.Reveal())),
		RequestedScopes: c.RequestedScopes,
		Verification:    c.Verification,
		Expired:         isExpired(c.ExpiresAt),
	}
}

func printBundle(w io.Writer, v bundleView) {
	fmt.Fprintf(w, "Bundle %s (format %d), sealed %s by ukglink %s\n", v.BundleID, v.FormatVersion,
		v.CreatedAt.UTC().Format(time.RFC3339), v.AppVersion)
	if v.Expired {
		fmt.Fprintf(w, "Expires:          EXPIRED on %s\n", v.ExpiresAt.UTC().Format(expiryLayout))
	} else {
		fmt.Fprintf(w, "Expires:          %s\n", v.ExpiresAt.UTC().Format(time.RFC3339))
	}
	fmt.Fprintf(w, "Profile:          %s\n", v.Profile.Name)
	fmt.Fprintf(w, "Subdomain:        %s\n", v.Profile.Subdomain)
	fmt.Fprintf(w, "Account type:     %s\n", v.Profile.AccountType)
	if v.Profile.IdentityHost != "" {
		fmt.Fprintf(w, "Identity host:    %s\n", v.Profile.IdentityHost)
	}
	fmt.Fprintf(w, "Tenant:           %s\n", v.Profile.Tenant)
	fmt.Fprintf(w, "Client ID:        %s\n", v.Profile.ClientID)
	if v.ClientSecret == secret.Redacted {
		fmt.Fprintf(w, "Client secret:    %s (%d characters; add --reveal-secret to show it)\n", v.ClientSecret, v.SecretLength)
	} else {
		fmt.Fprintf(w, "Client secret:    %s\n", v.ClientSecret)
	}
	fmt.Fprintf(w, "Scopes requested: %d\n", len(v.RequestedScopes))
	fmt.Fprintf(w, "Verification:     %s\n", verificationSummary(v.Verification))
}

func verificationSummary(v bundle.Verification) string {
	if !v.Run {
		return "not run: " + v.NotRunReason
	}
	var report verify.Report
	if err := json.Unmarshal(v.Report, &report); err != nil {
		return "run, but the report could not be read: " + err.Error()
	}
	summary := fmt.Sprintf("%s at %s", report.Status, report.StartedAt.UTC().Format(time.RFC3339))
	if report.Simulated {
		summary += " (against the UKG simulator, not UKG)"
	}
	return summary
}
