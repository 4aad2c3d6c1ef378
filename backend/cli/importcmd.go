package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ukglink/ukglink/backend/keychain"
	"github.com/ukglink/ukglink/backend/profile"
)

const importUsage = "-i IDENTITY_FILE [--name NAME] [--allow-expired] [--force] FILE"

// runImport recreates a customer's profile from a bundle: the values and the
// last report as a draft, the client secret in the keychain.
func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "import", importUsage)
	identityFile := fs.String("i", "", "age identity `FILE` that opens the bundle")
	passphraseFile := fs.String("passphrase-file", "", "read the bundle's passphrase from `FILE` (\"-\" for standard input)")
	name := fs.String("name", "", "profile `NAME` to create (default: the name in the bundle)")
	allowExpired := fs.Bool("allow-expired", false, "import a bundle whose expiry has passed")
	force := fs.Bool("force", false, "replace a profile of the same name")
	appendHelp(e, fs, openExitCodes)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError(errors.New("import needs one bundle FILE"), "usage: ukglink import "+importUsage)
	}
	contents, err := openBundleFile(e, fs.Arg(0), *identityFile, *passphraseFile, *allowExpired)
	if err != nil {
		return err
	}

	p := contents.Profile
	if *name != "" {
		p.Name = *name
	}
	if err := profile.ValidateName(p.Name); err != nil {
		return usageError(err, "choose a name with --name")
	}
	store, err := profile.OpenStore()
	if err != nil {
		return failure(err)
	}
	if _, err := store.Load(p.Name); err == nil && !*force {
		return usageError(fmt.Errorf("a profile named %s exists already", p.Name), "choose another with --name, or replace it with --force")
	}
	draft := profile.Draft{SchemaVersion: profile.SchemaVersion, Profile: p, Step: "verify"}
	if contents.Verification.Run {
		draft.LastReport = json.RawMessage(contents.Verification.Report)
	}
	if err := keychain.New().Save(ctx, p.Name, contents.ClientSecret); err != nil {
		_ = store.Save(draft)
		return keychainError(fmt.Errorf("profile %s imported without its client secret: %w", p.Name, err))
	}
	draft.SecretStored = true
	if err := store.Save(draft); err != nil {
		return writeFailure("profile", store.Path(p.Name), err)
	}
	e.log.Info("bundle imported", "profile", p.Name, "bundle_id", contents.BundleID)
	fmt.Fprintf(e.Out, "Imported profile %s (tenant %s), client secret saved in the keychain\n", p.Name, p.Tenant)
	fmt.Fprintf(e.Out, "next: ukglink verify --profile %s, or open it in the app\n", p.Name)
	return nil
}
