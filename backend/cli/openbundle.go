package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/ukglink/ukglink/backend/bundle"
)

// openExitCodes is the help text on the exit codes of open and import.
const openExitCodes = `
Exit codes: 2 when FILE is missing, is not a bundle, was changed or cut short
after sealing, needs another key or passphrase, has a newer format version, or
has expired (without --allow-expired); 3 when a file cannot be read.
`

// expiryLayout is the time layout of an expiry in messages and in "open" output.
const expiryLayout = "2006-01-02 15:04:05 MST"

// openBundleFile opens a bundle with an identity file or a passphrase. A
// problem with the bundle or the key is a usage error, and a failure to
// read a file that exists is a failure.
func openBundleFile(e *env, path, identityFile, passphraseFile string, allowExpired bool) (bundle.Contents, error) {
	identities, err := loadOpeners(e, identityFile, passphraseFile)
	if err != nil {
		return bundle.Contents{}, err
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return bundle.Contents{}, usageError(fmt.Errorf("open the bundle: %w", err))
	}
	if err != nil {
		return bundle.Contents{}, failure(fmt.Errorf("open the bundle: %w", err))
	}

	opts := bundle.OpenOptions{Identities: identities, AllowExpired: allowExpired}
	contents, err := bundle.Open(bytes.NewReader(data), opts)
	if errors.Is(err, bundle.ErrExpired) {
		opts.AllowExpired = true
		if expired, openErr := bundle.Open(bytes.NewReader(data), opts); openErr == nil {
			return bundle.Contents{}, usageError(fmt.Errorf("this bundle expired on %s, so ask the sender to seal a new one",
				expired.ExpiresAt.UTC().Format(expiryLayout)), "to open it anyway, add --allow-expired")
		}
	}
	if err != nil {
		return bundle.Contents{}, openError(err, path, data, passphraseFile != "")
	}
	return contents, nil
}

// openError maps an error of bundle.Open to an exit error. A wrong key gets
// a message for the kind of opener: the age header shows whether the bundle
// is sealed to a passphrase (an scrypt stanza) or to keys.
func openError(err error, path string, data []byte, usedPassphrase bool) error {
	var oerr *bundle.OpenError
	if !errors.As(err, &oerr) {
		return failure(err)
	}
	if !errors.Is(err, bundle.ErrWrongKey) {
		return usageError(err)
	}

	sealedToPassphrase := false
	if info, inspectErr := bundle.Inspect(bytes.NewReader(data)); inspectErr == nil {
		for _, r := range info.Recipients {
			sealedToPassphrase = sealedToPassphrase || r.Type == "scrypt"
		}
	}
	switch {
	case sealedToPassphrase && usedPassphrase:
		return usageError(errors.New("the passphrase is wrong for this bundle"),
			"check that the file given with --passphrase-file holds exactly the passphrase the bundle was sealed with")
	case sealedToPassphrase:
		return usageError(errors.New("this bundle is sealed with a passphrase, not a key"),
			"open it with --passphrase-file FILE instead of -i")
	}

	hints := []string{"check that " + path + " was sealed for the key you gave"}
	if usedPassphrase {
		err = errors.New("this bundle is sealed for a key, not a passphrase")
		hints = []string{"open it with -i IDENTITY_FILE instead of --passphrase-file"}
	}
	for _, fingerprint := range bundle.SealedFor(data) {
		hints = append(hints, "it is sealed for the key with fingerprint "+fingerprint)
	}
	return usageError(err, hints...)
}

// isExpired reports whether a bundle that was opened with --allow-expired
// is past its expiry.
func isExpired(expiresAt time.Time) bool {
	return !time.Now().Before(expiresAt)
}
