package bundle

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"time"

	"filippo.io/age"

	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/secret"
)

// FormatVersion is the format_version that Seal writes.
const FormatVersion = 1

// Extension is the file name extension of a bundle.
const Extension = ".age"

// Bundle lifetimes: see the package documentation.
const (
	DefaultLifetime = 30 * 24 * time.Hour
	MaxLifetime     = 90 * 24 * time.Hour
)

// MaxFileSize is the largest file Open reads, and Seal rejects contents whose
// plaintext would not fit in it. A bundle is a few kilobytes.
const MaxFileSize = 1 << 20

// maxPlaintextSize leaves room for the age header and the stream overhead of
// a plaintext that fits in one age chunk.
const maxPlaintextSize = MaxFileSize - 16<<10

// Verification records whether the credentials were verified against UKG
// before sealing.
type Verification struct {
	Run          bool            `json:"run"`
	NotRunReason string          `json:"not_run_reason,omitempty"`
	Report       json.RawMessage `json:"report,omitempty"`
}

// Contents is the decrypted content of a bundle.
type Contents struct {
	FormatVersion   int
	BundleID        string
	CreatedAt       time.Time
	ExpiresAt       time.Time
	AppVersion      string
	Profile         profile.Profile
	ClientSecret    secret.Secret
	RequestedScopes []string
	Verification    Verification
}

// payloadV1 is the JSON plaintext of format_version 1. It is the only place
// where the client secret is a plain string.
type payloadV1 struct {
	FormatVersion   int             `json:"format_version"`
	BundleID        string          `json:"bundle_id"`
	CreatedAt       time.Time       `json:"created_at"`
	ExpiresAt       time.Time       `json:"expires_at"`
	AppVersion      string          `json:"app_version"`
	Profile         profile.Profile `json:"profile"`
	ClientSecret    string          `json:"client_secret"`
	RequestedScopes []string        `json:"requested_scopes"`
	Verification    Verification    `json:"verification"`
}

// SealOptions configures Seal and WriteFile.
type SealOptions struct {
	// Recipients are the X25519 recipients the bundle is encrypted to, at
	// least one. ParseRecipients makes them from age1… strings.
	Recipients []age.Recipient
	// Now returns the sealing time. It defaults to time.Now.
	Now func() time.Time
	// Lifetime is how long the bundle stays valid: DefaultLifetime when zero,
	// at most MaxLifetime.
	Lifetime time.Duration
}

// OpenOptions configures Open.
type OpenOptions struct {
	// Identities are tried in turn to decrypt the bundle, at least one.
	Identities []age.Identity
	// Now returns the time the expiry is checked against. It defaults to
	// time.Now.
	Now func() time.Time
	// AllowExpired opens a bundle even after its expires_at.
	AllowExpired bool
}

var bundleIDPattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// NewBundleID returns 16 random bytes from crypto/rand as 32 lower-case hex
// digits.
func NewBundleID() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generate bundle id: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// Seal encrypts c to opts.Recipients and writes the bundle to w. Seal sets
// FormatVersion, CreatedAt (opts.Now, in UTC, whole seconds) and ExpiresAt
// itself. It keeps c.BundleID when set, which must then be 32 lower-case hex
// digits, and generates a random one otherwise. On error, w may hold part of
// a bundle: WriteFile removes it.
func Seal(w io.Writer, c Contents, opts SealOptions) error {
	p, err := newPayload(c, opts)
	if err != nil {
		return err
	}

	plain, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode bundle: %w", err)
	}
	if len(plain) > maxPlaintextSize {
		return fmt.Errorf("bundle content is %d bytes, more than the maximum of %d", len(plain), maxPlaintextSize)
	}
	return sealPlaintext(w, plain, opts.Recipients)
}

func newPayload(c Contents, opts SealOptions) (payloadV1, error) {
	lifetime, err := checkLifetime(opts.Lifetime)
	if err != nil {
		return payloadV1{}, err
	}
	if err := checkContents(c); err != nil {
		return payloadV1{}, err
	}

	id := c.BundleID
	if id == "" {
		if id, err = NewBundleID(); err != nil {
			return payloadV1{}, err
		}
	}

	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	created := now().UTC().Truncate(time.Second)

	scopes := c.RequestedScopes
	if scopes == nil {
		scopes = []string{}
	}
	return payloadV1{
		FormatVersion:   FormatVersion,
		BundleID:        id,
		CreatedAt:       created,
		ExpiresAt:       created.Add(lifetime),
		AppVersion:      c.AppVersion,
		Profile:         c.Profile,
		ClientSecret:    c.ClientSecret.Reveal(),
		RequestedScopes: scopes,
		Verification:    c.Verification,
	}, nil
}

func checkLifetime(lifetime time.Duration) (time.Duration, error) {
	switch {
	case lifetime == 0:
		return DefaultLifetime, nil
	case lifetime < 0:
		return 0, fmt.Errorf("bundle lifetime %v is negative", lifetime)
	case lifetime > MaxLifetime:
		return 0, fmt.Errorf("bundle lifetime %v is longer than the maximum of %v (90 days)", lifetime, MaxLifetime)
	}
	return lifetime, nil
}

func checkContents(c Contents) error {
	if c.BundleID != "" && !bundleIDPattern.MatchString(c.BundleID) {
		return fmt.Errorf("bundle id %q is not 32 lower-case hex digits", c.BundleID)
	}
	if c.ClientSecret.IsZero() {
		return errors.New("client secret is empty")
	}

	v := c.Verification
	if v.Run && len(v.Report) == 0 {
		return errors.New("verification ran but its report is missing")
	}
	if !v.Run && v.NotRunReason == "" {
		return errors.New("verification did not run but its reason is missing")
	}
	if len(v.Report) > 0 && !json.Valid(v.Report) {
		return errors.New("verification report is not valid JSON")
	}
	return nil
}

// sealPlaintext encrypts plain with age and appends the size stanza described
// in the package documentation to the header.
func sealPlaintext(w io.Writer, plain []byte, recipients []age.Recipient) error {
	if len(recipients) == 0 {
		return errors.New("no recipients to seal the bundle for")
	}
	all := make([]age.Recipient, 0, len(recipients)+1)
	labeled := false
	for i, r := range recipients {
		if r == nil {
			return fmt.Errorf("recipient #%d is nil", i+1)
		}
		_, ok := r.(age.RecipientWithLabels)
		labeled = labeled || ok
		all = append(all, r)
	}
	// age rejects a stanza without labels next to recipients with labels,
	// such as post-quantum or passphrase recipients.
	if !labeled {
		all = append(all, sizeRecipient{size: len(plain)})
		for _, r := range recipients {
			if x, ok := r.(*age.X25519Recipient); ok {
				all = append(all, fingerprintRecipient{key: x.String()})
			}
		}
	}

	enc, err := age.Encrypt(w, all...)
	if err != nil {
		return fmt.Errorf("encrypt bundle: %w", err)
	}
	if _, err := enc.Write(plain); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("write bundle: %w", err)
	}
	return nil
}

// Open reads a bundle from r, binary or ASCII-armored (see Dearmor), decrypts
// it with opts.Identities and checks its format version and expiry. Every
// rejection of the file is an *OpenError.
func Open(r io.Reader, opts OpenOptions) (Contents, error) {
	if len(opts.Identities) == 0 {
		return Contents{}, errors.New("no identities to open the bundle with")
	}

	file, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return Contents{}, fmt.Errorf("read bundle: %w", err)
	}
	if len(file) > MaxFileSize {
		return Contents{}, openError(ErrNotBundle, "the file is larger than 1 MiB", nil)
	}

	file, _, oerr := Dearmor(file)
	if oerr != nil {
		return Contents{}, oerr
	}
	plain, oerr := decrypt(file, opts.Identities)
	if oerr != nil {
		return Contents{}, oerr
	}
	c, oerr := decodePayload(plain)
	if oerr != nil {
		return Contents{}, oerr
	}

	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	if !opts.AllowExpired && !now().Before(c.ExpiresAt) {
		detail := "the bundle expired at " + c.ExpiresAt.Format(time.RFC3339)
		return Contents{}, openError(ErrExpired, detail, nil)
	}
	return c, nil
}

var ageIntro = []byte("age-encryption.org/v1\n")

func decrypt(file []byte, identities []age.Identity) ([]byte, *OpenError) {
	if oerr := checkIntro(file); oerr != nil {
		return nil, oerr
	}

	dec, err := age.Decrypt(bytes.NewReader(file), identities...)
	if err != nil {
		return nil, classifyHeaderError(err)
	}
	plain, err := io.ReadAll(dec)
	if err != nil {
		return nil, classifyPayloadError(err, file)
	}
	return plain, nil
}

// checkIntro distinguishes a file cut inside the age intro line from a file
// that is not an age file at all.
func checkIntro(file []byte) *OpenError {
	if len(file) < len(ageIntro) && bytes.HasPrefix(ageIntro, file) {
		return openError(ErrTruncated, "the file ends inside the age intro line", nil)
	}
	if !bytes.HasPrefix(file, []byte("age-encryption.org/")) {
		return openError(ErrNotBundle, "the file does not start with the age intro line", nil)
	}
	return nil
}
