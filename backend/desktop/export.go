package desktop

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/age"

	"github.com/ukglink/ukglink/backend/buildinfo"
	"github.com/ukglink/ukglink/backend/bundle"
	"github.com/ukglink/ukglink/backend/ukg"
)

// RecipientEnv overrides the key bundles are sealed to, like the
// command line's --recipient.
const RecipientEnv = "UKGLINK_RECIPIENT"

// uploadHint is the next step for the admin after an export.
const uploadHint = "Upload this file on the UKG integration page of your recruiting product. " +
	"It is encrypted for the recruiting product only, so it is safe to upload, " +
	"but do not send it by e-mail."

// Recipient kinds: what a bundle is sealed to.
const (
	RecipientKindKey        = "key"
	RecipientKindPassphrase = "passphrase"
)

// RecipientInfo describes what bundles are sealed to.
type RecipientInfo struct {
	// Kind is RecipientKindKey or RecipientKindPassphrase. A passphrase has
	// no Key and no Fingerprint.
	Kind        string `json:"kind"`
	Key         string `json:"key"`
	Fingerprint string `json:"fingerprint"`
	Label       string `json:"label"`
	// IdentityPath is the demo key file that opens demo bundles.
	IdentityPath string `json:"identity_path,omitempty"`
}

type recipientChoice struct {
	key  string
	info RecipientInfo
}

func (s *Service) recipient() (recipientChoice, error) {
	var choice recipientChoice
	switch {
	case os.Getenv(RecipientEnv) != "":
		choice.key = strings.TrimSpace(os.Getenv(RecipientEnv))
		choice.info.Label = "the key set in " + RecipientEnv
	case s.config.Demo:
		identity, path, err := bundle.DemoIdentity()
		if err != nil {
			return choice, fmt.Errorf("load the demo key: %w", err)
		}
		choice.key = identity.Recipient().String()
		choice.info.Label = "this computer's demo key"
		choice.info.IdentityPath = path
	case bundle.ProductRecipient != "":
		choice.key = bundle.ProductRecipient
		choice.info.Label = "the recruiting product's key"
	default:
		return choice, errors.New("this build has no recruiting product key to seal bundles to")
	}
	fingerprint, err := bundle.Fingerprint(choice.key)
	if err != nil {
		return choice, err
	}
	choice.info.Kind = RecipientKindKey
	choice.info.Key = choice.key
	choice.info.Fingerprint = fingerprint
	return choice, nil
}

// ExportResult is the response to ExportBundle.
type ExportResult struct {
	Result     Result        `json:"result"`
	Path       string        `json:"path"`
	Recipient  RecipientInfo `json:"recipient"`
	UploadHint string        `json:"upload_hint"`
}

// ExportBundle opens the save dialog, then writes the sealed bundle of the
// named draft for the recruiting product's key. Without a successful
// verification it needs skipVerify and records the reason in the bundle.
func (s *Service) ExportBundle(name string, skipVerify bool, reason string) ExportResult {
	recipient, err := s.recipient()
	if err != nil {
		return ExportResult{Result: errorResult(err)}
	}
	recipients, err := bundle.ParseRecipients(recipient.key)
	if err != nil {
		return ExportResult{Result: errorResult(err)}
	}
	job, result := s.prepareExport(name, skipVerify, reason)
	if result.Status != StatusOK {
		return ExportResult{Result: result}
	}
	if result := s.sealExport(job, recipients); result.Status != StatusOK {
		return ExportResult{Result: result}
	}
	s.log.Info("bundle exported", "profile", name, "path", job.path,
		"verified", job.contents.Verification.Run, "recipient", recipient.info.Fingerprint)
	return ExportResult{Result: ok(), Path: job.path, Recipient: recipient.info, UploadHint: uploadHint}
}

// PassphraseExportResult is the response to ExportBundleToPassphrase.
type PassphraseExportResult struct {
	ExportResult
	// Passphrase opens the bundle. This result is the only place it goes:
	// it is not logged, and not kept in the draft or anywhere else.
	Passphrase string `json:"passphrase"`
}

// passphraseRecipientInfo describes a bundle sealed to a passphrase, which
// has no key and so no fingerprint.
var passphraseRecipientInfo = RecipientInfo{
	Kind:  RecipientKindPassphrase,
	Label: "a passphrase (age scrypt)",
}

// ExportBundleToPassphrase writes the sealed bundle of the named draft like
// ExportBundle, but seals it to a new generated passphrase instead of a key,
// for handing the bundle to a colleague. The passphrase is returned once.
func (s *Service) ExportBundleToPassphrase(name string, skipVerify bool, reason string) PassphraseExportResult {
	job, result := s.prepareExport(name, skipVerify, reason)
	if result.Status != StatusOK {
		return PassphraseExportResult{ExportResult: ExportResult{Result: result}}
	}
	passphrase, err := bundle.GeneratePassphrase()
	if err != nil {
		return PassphraseExportResult{ExportResult: ExportResult{Result: errorResult(err)}}
	}
	recipient, err := newPassphraseRecipient(passphrase)
	if err != nil {
		return PassphraseExportResult{ExportResult: ExportResult{Result: errorResult(err)}}
	}
	if result := s.sealExport(job, []age.Recipient{recipient}); result.Status != StatusOK {
		return PassphraseExportResult{ExportResult: ExportResult{Result: result}}
	}
	s.log.Info("bundle exported", "profile", name, "path", job.path,
		"verified", job.contents.Verification.Run, "recipient", RecipientKindPassphrase)
	return PassphraseExportResult{
		ExportResult: ExportResult{Result: ok(), Path: job.path, Recipient: passphraseRecipientInfo},
		Passphrase:   passphrase,
	}
}

// newPassphraseRecipient makes the age scrypt recipient of a passphrase.
// Tests replace it with a lower work factor, because scrypt at age's
// default takes seconds under the race detector.
var newPassphraseRecipient = bundle.PassphraseRecipient

// exportJob is a draft ready to seal: the bundle contents and their path.
type exportJob struct {
	name     string
	path     string
	contents bundle.Contents
}

// prepareExport checks that the named draft may be exported, loads its
// secret and opens the save dialog for the bundle.
func (s *Service) prepareExport(name string, skipVerify bool, reason string) (exportJob, Result) {
	draft, err := s.store.Load(name)
	if err != nil {
		return exportJob{}, errorResult(err)
	}
	verification, result := verificationFor(draft.LastReport, skipVerify, reason)
	if result.Status != StatusOK {
		return exportJob{}, result
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	secretValue, err := s.secrets.Load(ctx, name)
	if err != nil {
		return exportJob{}, secretLoadResult(err)
	}

	defaultName := fmt.Sprintf("%s-%s%s", name, s.now().Format("2006-01-02"), bundle.Extension)
	path, result := s.askSavePath("Save the sealed bundle", defaultName)
	if result.Status != StatusOK {
		return exportJob{}, result
	}
	contents := bundle.Contents{
		FormatVersion:   bundle.FormatVersion,
		AppVersion:      buildinfo.Version,
		Profile:         draft.Profile,
		ClientSecret:    secretValue,
		RequestedScopes: ukg.RequiredScopeNames(),
		Verification:    verification,
	}
	return exportJob{name: name, path: path, contents: contents}, ok()
}

// sealExport writes the bundle of job sealed to recipients.
func (s *Service) sealExport(job exportJob, recipients []age.Recipient) Result {
	err := bundle.WriteFile(job.path, job.contents, bundle.SealOptions{Recipients: recipients})
	if err != nil {
		s.log.Error("export failed", "profile", job.name, "path", job.path, "error", err)
		return failed("export_failed", "",
			"The bundle could not be saved, and no file was left behind. "+capitalize(err.Error())+".", "")
	}
	return ok()
}

func verificationFor(lastReport json.RawMessage, skipVerify bool, reason string) (bundle.Verification, Result) {
	if skipVerify {
		reason = strings.TrimSpace(reason)
		if reason == "" {
			return bundle.Verification{}, failed("skip_reason_missing", "",
				"Give a reason for continuing without verifying, or verify the connection first. "+
					"The reason is written into the file.", "")
		}
		return bundle.Verification{Run: false, NotRunReason: reason}, ok()
	}
	if !reportVerified(lastReport) {
		return bundle.Verification{}, failed("not_verified", "",
			"Verify the connection first, or choose \"Continue without verifying\" and give a reason.", "")
	}
	return bundle.Verification{Run: true, Report: lastReport}, ok()
}

// askSavePath opens the save dialog, or in tests returns a path in the
// folder of ExportDirEnv. A path without extension gets the one of
// defaultName, and the admin confirms replacing a file of that name.
func (s *Service) askSavePath(title, defaultName string) (string, Result) {
	s.mu.Lock()
	ui := s.ui
	s.mu.Unlock()
	if ui == nil {
		return "", failed("no_window", "", "The save dialog is not available.", "")
	}
	if s.config.ExportDir != "" {
		s.log.Warn("save dialog skipped for a test", "folder", s.config.ExportDir)
		return filepath.Join(s.config.ExportDir, defaultName), ok()
	}
	path, err := ui.SaveFileDialog(title, defaultName)
	if err != nil {
		return "", errorResult(err)
	}
	if path == "" {
		return "", Result{Status: StatusCancelled, Code: "cancelled", Message: "Cancelled. Nothing was saved."}
	}
	if filepath.Ext(path) == "" {
		path += filepath.Ext(defaultName)
		// The dialog asked about replacing a file only under the name typed.
		if !s.confirmReplace(ui, title, path) {
			return "", Result{Status: StatusCancelled, Code: "cancelled", Message: "Cancelled. Nothing was saved."}
		}
	}
	return path, ok()
}

// TextResult is the response to calls that return text for the admin to copy.
type TextResult struct {
	Result Result `json:"result"`
	Text   string `json:"text"`
}

// SupportRequest returns the request to send UKG support for the named
// draft's credentials.
func (s *Service) SupportRequest(name string) TextResult {
	tenant := ""
	if draft, err := s.store.Load(name); err == nil {
		tenant = draft.Profile.Tenant
	}
	return TextResult{Result: ok(), Text: ukg.SupportRequest(tenant)}
}
