package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"filippo.io/age"

	"github.com/ukglink/ukglink/backend/buildinfo"
	"github.com/ukglink/ukglink/backend/bundle"
	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/secret"
	"github.com/ukglink/ukglink/backend/ukg"
)

const sealUsage = "[profile flags] [--recipient KEY]... [--demo-key] [--no-verify [--reason TEXT]] -o FILE"

type sealFlags struct {
	output     string
	recipients stringList
	demoKey    bool
	noVerify   bool
	reason     string
	lifetime   lifetimeValue
	force      bool
	// passphrase seals to a generated passphrase; passphraseFile to a
	// chosen one.
	passphrase     bool
	passphraseFile string
}

func runSeal(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "seal", sealUsage)
	flags := addProfileFlags(fs)
	var sf sealFlags
	fs.StringVar(&sf.output, "o", "", "write the sealed bundle to `FILE` (.age)")
	fs.Var(&sf.recipients, "recipient", "age public `KEY` (age1...) to seal to; repeatable; default: the recruiting product's key")
	fs.BoolVar(&sf.demoKey, "demo-key", false, "seal to this machine's demo key, so \"ukglink open\" can read it here")
	fs.BoolVar(&sf.noVerify, "no-verify", false, "make no network call; the bundle records that verification was not run")
	fs.StringVar(&sf.reason, "reason", "", "with --no-verify: why verification was not run")
	sf.lifetime = lifetimeValue(bundle.DefaultLifetime)
	fs.Var(&sf.lifetime, "lifetime", "how long the bundle can be opened: `DAYS` such as 30d, or a duration such as 72h (at most 90d)")
	fs.BoolVar(&sf.force, "force", false, "overwrite FILE if it exists")
	fs.BoolVar(&sf.passphrase, "passphrase", false, "seal to a generated passphrase, shown once, for handing the bundle to a colleague")
	fs.StringVar(&sf.passphraseFile, "passphrase-file", "", "seal to the passphrase in `FILE` (\"-\" for standard input)")
	appendHelp(e, fs, demoKeyHelp())
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if sf.output == "" {
		return usageError(errors.New("missing -o FILE"), "usage: ukglink seal "+sealUsage)
	}
	if fs.NArg() > 0 {
		return usageError(fmt.Errorf("unexpected argument %q", fs.Arg(0)), "usage: ukglink seal "+sealUsage)
	}
	if err := checkReason(sf); err != nil {
		return err
	}
	if err := checkOutputPath(sf.output, sf.force); err != nil {
		return err
	}
	lifetime := time.Duration(sf.lifetime)
	if lifetime <= 0 || lifetime > bundle.MaxLifetime {
		return usageError(fmt.Errorf("--lifetime %v is out of range", &sf.lifetime),
			"a bundle's lifetime is more than zero and at most 90 days (90d); the default is 30d")
	}
	recipients, fingerprints, passphrase, err := chooseRecipients(e, sf)
	if err != nil {
		return err
	}

	p, s, endpoint, err := resolveForSeal(ctx, e, flags, sf.noVerify)
	if err != nil {
		return err
	}
	record, err := verificationRecord(ctx, e, p, s, endpoint, sf)
	if err != nil {
		return err
	}

	contents := bundle.Contents{
		FormatVersion:   bundle.FormatVersion,
		AppVersion:      buildinfo.Version,
		Profile:         p,
		ClientSecret:    s,
		RequestedScopes: ukg.RequiredScopeNames(),
		Verification:    record,
	}
	sealedAt := time.Now().UTC().Truncate(time.Second)
	opts := bundle.SealOptions{Recipients: recipients, Lifetime: lifetime, Now: func() time.Time { return sealedAt }}
	if err := bundle.WriteFile(sf.output, contents, opts); err != nil {
		return writeFailure("sealed bundle", sf.output, err)
	}
	e.log.Info("bundle sealed", "path", sf.output, "recipients", len(recipients), "verified", record.Run)
	fmt.Fprintf(e.Out, "Sealed bundle written to %s\n", sf.output)
	for _, f := range fingerprints {
		fmt.Fprintf(e.Out, "Sealed for: %s\n", f)
	}
	fmt.Fprintf(e.Out, "Expires: %s (lifetime %s)\n", sealedAt.Add(lifetime).Format(expiryLayout), &sf.lifetime)
	if sf.demoKey {
		fmt.Fprintf(e.Out, "Open it on this machine with: ukglink open -i %s %s\n", bundle.DemoIdentityPath(), sf.output)
	}
	if passphrase != "" {
		fmt.Fprintf(e.Out, "Passphrase: %s\n", passphrase)
		fmt.Fprintln(e.Out, "It is shown only now and stored nowhere. Send it by another channel than the file, for example by phone.")
	}
	if !record.Run {
		fmt.Fprintf(e.Out, "Verification was not run: %s\n", record.NotRunReason)
	}
	return nil
}

func resolveForSeal(ctx context.Context, e *env, flags *profileFlags, noVerify bool) (profile.Profile, secret.Secret, string, error) {
	if !noVerify {
		return resolveAll(ctx, e, flags)
	}
	p, err := flags.resolveProfile(e)
	if err != nil {
		return p, secret.Secret{}, "", err
	}
	s, err := flags.resolveSecret(ctx, e, p.ClientID)
	return p, s, "", err
}

// verificationRecord runs the verification unless --no-verify was given. A
// failed verification prints its report and stops the seal.
func verificationRecord(ctx context.Context, e *env, p profile.Profile, s secret.Secret, endpoint string, sf sealFlags) (bundle.Verification, error) {
	if sf.noVerify {
		reason := sf.reason
		if reason == "" {
			reason = "sealed with --no-verify (offline preparation)"
		}
		return bundle.Verification{Run: false, NotRunReason: reason}, nil
	}
	report := runVerification(ctx, e, p, s, endpoint, true)
	if report.Status != "verified" {
		printReport(e.Err, report)
		fmt.Fprintln(e.Err, "Nothing was written. Fix the problems, or seal with --no-verify to record that verification was not run.")
		return bundle.Verification{}, errVerificationFailed
	}
	raw, err := json.Marshal(report)
	if err != nil {
		return bundle.Verification{}, failure(err)
	}
	return bundle.Verification{Run: true, Report: raw}, nil
}

// chooseRecipients returns the recipients for the seal flags, a line
// describing each, and the generated passphrase if one was made.
func chooseRecipients(e *env, sf sealFlags) ([]age.Recipient, []string, string, error) {
	if !sf.passphrase && sf.passphraseFile == "" {
		recipients, lines, err := sealRecipients(sf)
		return recipients, lines, "", err
	}
	if len(sf.recipients) > 0 || sf.demoKey || (sf.passphrase && sf.passphraseFile != "") {
		return nil, nil, "", usageError(errors.New("a passphrase bundle has no other recipient"),
			"use --passphrase or --passphrase-file alone, without --recipient or --demo-key")
	}
	var passphrase, generated string
	var err error
	if sf.passphrase {
		if generated, err = bundle.GeneratePassphrase(); err != nil {
			return nil, nil, "", failure(err)
		}
		passphrase = generated
	} else if passphrase, err = readPassphrase(e, sf.passphraseFile); err != nil {
		return nil, nil, "", err
	}
	recipient, err := bundle.PassphraseRecipient(passphrase)
	if err != nil {
		return nil, nil, "", usageError(err)
	}
	return []age.Recipient{recipient}, []string{"a passphrase"}, generated, nil
}

// sealRecipients returns the recipients and a line describing each.
func sealRecipients(sf sealFlags) ([]age.Recipient, []string, error) {
	keys := []string(sf.recipients)
	labels := make([]string, 0, len(keys)+1)
	for range keys {
		labels = append(labels, "recipient")
	}
	if sf.demoKey {
		identity, path, err := bundle.DemoIdentity()
		if err != nil {
			return nil, nil, failure(fmt.Errorf("load the demo key: %w", err))
		}
		keys = append(keys, identity.Recipient().String())
		labels = append(labels, "demo key "+path)
	}
	if len(keys) == 0 {
		if bundle.ProductRecipient == "" {
			return nil, nil, usageError(errors.New("this build has no recruiting product key"), "pass --recipient age1...")
		}
		keys = append(keys, bundle.ProductRecipient)
		labels = append(labels, "the recruiting product's key")
	}
	recipients, err := bundle.ParseRecipients(keys...)
	if err != nil {
		return nil, nil, usageError(err)
	}
	lines := make([]string, len(keys))
	for i, key := range keys {
		fingerprint, err := bundle.Fingerprint(key)
		if err != nil {
			return nil, nil, usageError(err)
		}
		lines[i] = fmt.Sprintf("%s (%s, fingerprint %s)", key, labels[i], fingerprint)
	}
	return recipients, lines, nil
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string { return fmt.Sprint([]string(*l)) }

func (l *stringList) Set(value string) error {
	*l = append(*l, value)
	return nil
}

// checkOutputPath rejects an output path before any verification runs: an
// existing file without --force, or a folder that does not exist.
func checkOutputPath(path string, force bool) error {
	if _, err := os.Stat(path); err == nil && !force {
		return usageError(fmt.Errorf("%s already exists", path), "choose another name or add --force")
	}
	dir := filepath.Dir(path)
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return usageError(fmt.Errorf("the folder %s does not exist", dir), "create it first or choose another path for -o")
	}
	return nil
}
