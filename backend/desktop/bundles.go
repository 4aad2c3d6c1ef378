package desktop

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/ukglink/ukglink/backend/bundle"
)

// Bundle locks: what opens a bundle, read from the stanzas of its header.
const (
	// LockIdentity is a bundle sealed to an age X25519 key.
	LockIdentity = "identity"
	// LockPassphrase is a bundle sealed to a passphrase (an age scrypt stanza).
	LockPassphrase = "passphrase"
)

// pendingBundle is the bundle that ChooseBundle picked and OpenChosenBundle
// opens. Its path never travels to the window.
type pendingBundle struct {
	path         string
	lock         string
	fingerprints []string
	// identityPath is the identity file chosen for this bundle, kept so that
	// "Open anyway" on an expired bundle does not ask for it again.
	identityPath string
}

// BundleChoice is the response to ChooseBundle.
type BundleChoice struct {
	Result   Result `json:"result"`
	FileName string `json:"file_name"`
	// Lock is LockIdentity or LockPassphrase.
	Lock string `json:"lock"`
	// Fingerprints are the short fingerprints of the keys the header names.
	Fingerprints []string `json:"fingerprints"`
}

// BundleOpenRequest is the input of OpenChosenBundle beyond the chosen file.
type BundleOpenRequest struct {
	// Passphrase opens a LockPassphrase bundle. It is used for this call only
	// and is never logged or stored.
	Passphrase string `json:"passphrase"`
	// ChooseIdentity opens the dialog for the identity file of a
	// LockIdentity bundle again, for example after a wrong key.
	ChooseIdentity bool `json:"choose_identity"`
	// AllowExpired opens a bundle after its expiry time.
	AllowExpired bool `json:"allow_expired"`
}

// ChooseBundle opens the dialog for a sealed bundle and reads its header,
// without a key, to tell whether a passphrase or an identity file opens it.
// It replaces the bundle chosen before, if any.
func (s *Service) ChooseBundle() BundleChoice {
	s.mu.Lock()
	s.pendingBundle = nil
	s.mu.Unlock()

	path, result := s.askOpenPath("Open a sealed bundle", "*.age", "Sealed bundle (*.age)")
	if result.Status != StatusOK {
		return BundleChoice{Result: result, Fingerprints: []string{}}
	}
	choice := BundleChoice{Result: ok(), FileName: filepath.Base(path), Fingerprints: []string{}}
	data, err := readBundleFile(path)
	if err != nil {
		choice.Result = errorResult(err)
		return choice
	}
	info, err := bundle.Inspect(bytes.NewReader(data))
	if err != nil {
		choice.Result = bundleErrorResult(err, LockIdentity, nil)
		return choice
	}

	choice.Lock = LockIdentity
	for _, r := range info.Recipients {
		if r.Type == "scrypt" {
			choice.Lock = LockPassphrase
		}
		if r.Fingerprint != "" {
			choice.Fingerprints = append(choice.Fingerprints, r.Fingerprint)
		}
	}
	s.mu.Lock()
	s.pendingBundle = &pendingBundle{path: path, lock: choice.Lock, fingerprints: choice.Fingerprints}
	s.mu.Unlock()
	s.log.Info("bundle chosen", "path", path, "lock", choice.Lock)
	return choice
}

// OpenChosenBundle opens the bundle ChooseBundle picked and saves its
// profile as a new draft. An expired bundle is reported with its expiry
// time and opens only with req.AllowExpired. The client secret stays in
// memory for this session only, because support never keeps a customer's
// secret.
func (s *Service) OpenChosenBundle(req BundleOpenRequest) OpenResult {
	pending, chosen := s.chosenBundle()
	if !chosen {
		return OpenResult{Result: failed("no_bundle_chosen", "", "Choose the bundle to open first.", "")}
	}
	identities, result := s.bundleIdentities(&pending, req)
	if result.Status != StatusOK {
		return OpenResult{Result: result}
	}
	s.rememberIdentity(pending)
	data, err := readBundleFile(pending.path)
	if err != nil {
		return OpenResult{Result: errorResult(err)}
	}
	// Expiry is checked here rather than by bundle.Open, so that the window
	// learns the expiry time and can offer "Open anyway".
	contents, err := bundle.Open(bytes.NewReader(data), bundle.OpenOptions{Identities: identities, AllowExpired: true})
	if err != nil {
		s.log.Info("bundle not opened", "path", pending.path, "lock", pending.lock, "error", err)
		return OpenResult{Result: bundleErrorResult(err, pending.lock, pending.fingerprints)}
	}
	if !req.AllowExpired && !s.now().Before(contents.ExpiresAt) {
		s.log.Info("expired bundle not opened", "path", pending.path, "expired_at", contents.ExpiresAt)
		return OpenResult{Result: expiredResult(contents.ExpiresAt), ExpiredAt: contents.ExpiresAt.UTC().Format(time.RFC3339)}
	}
	return s.saveOpenedBundle(pending.path, contents)
}

// chosenBundle returns a copy of the bundle ChooseBundle picked.
func (s *Service) chosenBundle() (pendingBundle, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pendingBundle == nil {
		return pendingBundle{}, false
	}
	return *s.pendingBundle, true
}

// rememberIdentity keeps the identity file chosen for pending, unless
// another bundle was chosen meanwhile.
func (s *Service) rememberIdentity(pending pendingBundle) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pendingBundle != nil && s.pendingBundle.path == pending.path {
		s.pendingBundle.identityPath = pending.identityPath
	}
}

// bundleIdentities returns the identities that may open pending: the
// passphrase of req, or the identity file chosen in a dialog.
func (s *Service) bundleIdentities(pending *pendingBundle, req BundleOpenRequest) ([]age.Identity, Result) {
	if pending.lock == LockPassphrase {
		if req.Passphrase == "" {
			return nil, failed("passphrase_empty", "passphrase",
				"Type the passphrase that the sender gave you.", "")
		}
		identity, err := bundle.PassphraseIdentity(req.Passphrase)
		if err != nil {
			return nil, failed("passphrase_invalid", "passphrase", capitalize(err.Error())+".", "")
		}
		return []age.Identity{identity}, ok()
	}

	if req.ChooseIdentity || pending.identityPath == "" {
		path, result := s.askOpenPath("Choose the identity file that opens it", "*.txt;*.key;*", "age identity (AGE-SECRET-KEY-1…)")
		if result.Status != StatusOK {
			return nil, result
		}
		pending.identityPath = path
	}
	identities, err := bundle.LoadIdentities(pending.identityPath)
	if err != nil {
		return nil, failed("invalid_identity", "identity",
			"This file is not an age identity file. Choose the file that contains the AGE-SECRET-KEY-1… line.",
			err.Error())
	}
	return identities, ok()
}

// saveOpenedBundle saves contents as a new draft and keeps its secret in
// the session.
func (s *Service) saveOpenedBundle(path string, contents bundle.Contents) OpenResult {
	draft, err := s.saveOpenedDraft(contents.Profile, "bundle", "verify")
	if err != nil {
		return OpenResult{Result: errorResult(err)}
	}
	s.secrets.Remember(draft.Profile.Name, contents.ClientSecret)
	draft.AskEachTime = true
	if contents.Verification.Run {
		draft.LastReport = contents.Verification.Report
	}
	if err := s.store.Save(draft); err != nil {
		return OpenResult{Result: errorResult(err)}
	}
	s.mu.Lock()
	s.pendingBundle = nil
	s.mu.Unlock()
	s.log.Info("bundle opened", "path", path, "profile", draft.Profile.Name, "bundle_id", contents.BundleID)
	return OpenResult{Result: ok(), Draft: viewOf(draft)}
}

// readBundleFile reads at most one byte more than bundle.MaxFileSize, so
// that Inspect and Open still reject a file that is too large.
func readBundleFile(path string) ([]byte, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return io.ReadAll(io.LimitReader(file, bundle.MaxFileSize+1))
}

func expiredResult(expiresAt time.Time) Result {
	return failed("bundle_expired", "",
		fmt.Sprintf("This bundle expired on %s. Ask the sender for a new one, or open it anyway to look into a problem.",
			expiresAt.UTC().Format("2 January 2006")),
		"expires_at "+expiresAt.UTC().Format(time.RFC3339))
}

// bundleErrorResult maps an error of bundle.Inspect or bundle.Open to a
// Result with its own code for each kind of rejection. fingerprints are
// the keys the bundle is sealed for, named in a wrong-key message.
func bundleErrorResult(err error, lock string, fingerprints []string) Result {
	var openErr *bundle.OpenError
	if !errors.As(err, &openErr) {
		return errorResult(err)
	}
	detail := openErr.Detail
	switch {
	case errors.Is(err, bundle.ErrWrongKey) && lock == LockPassphrase:
		return failed("wrong_passphrase", "passphrase",
			"This passphrase does not open the bundle. Check it with the person who sent the bundle and type it again.", detail)
	case errors.Is(err, bundle.ErrWrongKey):
		message := "This bundle was not sealed for the key in this identity file."
		if len(fingerprints) > 0 {
			message += " It was sealed for the key with fingerprint " + strings.Join(fingerprints, ", ") + "."
		}
		return failed("wrong_key", "identity", message+" Choose the identity file of that key.", detail)
	case errors.Is(err, bundle.ErrTampered):
		return failed("bundle_changed", "", capitalize(bundle.ErrTampered.Error())+".", detail)
	case errors.Is(err, bundle.ErrTruncated):
		return failed("bundle_truncated", "", capitalize(bundle.ErrTruncated.Error())+".", detail)
	case errors.Is(err, bundle.ErrUnknownFormat):
		return failed("bundle_newer_format", "", capitalize(bundle.ErrUnknownFormat.Error())+".", detail)
	case errors.Is(err, bundle.ErrNotBundle):
		return failed("not_bundle", "", capitalize(bundle.ErrNotBundle.Error())+".", detail)
	case errors.Is(err, bundle.ErrExpired):
		return failed("bundle_expired", "", capitalize(bundle.ErrExpired.Error())+".", detail)
	}
	return failed("bundle_not_opened", "", capitalize(err.Error())+".", detail)
}
