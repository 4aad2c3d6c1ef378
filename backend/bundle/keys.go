package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/adrg/xdg"

	"github.com/ukglink/ukglink/backend/atomicfile"
)

// ProductRecipient is the age X25519 public key of the recruiting product,
// the default recipient of exported bundles. Builds set it with
//
//	-ldflags "-X github.com/ukglink/ukglink/backend/bundle.ProductRecipient=age1..."
//
// The matching private key belongs to the recruiting product and is held by
// its support team. It was never stored in this repository.
var ProductRecipient = "age1rtnl02n5dla0cads5c80vmmpy2eh0srlndc2qeynmv4a7snqv9wqcuhjsr"

// Fingerprint returns a short form of an age1… recipient that people can
// read out and compare: the first 8 bytes of the SHA-256 of the recipient's
// canonical lower-case string, as four groups of four hex digits, for example
// "3f2a-91bc-04de-77e1".
func Fingerprint(recipient string) (string, error) {
	r, err := parseRecipient(recipient)
	if err != nil {
		return "", err
	}

	sum := sha256.Sum256([]byte(r.String()))
	h := hex.EncodeToString(sum[:8])
	return h[0:4] + "-" + h[4:8] + "-" + h[8:12] + "-" + h[12:16], nil
}

// ParseRecipients parses age1… X25519 public keys. Surrounding white space
// is ignored, and so is the case of a key written all in upper case.
func ParseRecipients(values ...string) ([]age.Recipient, error) {
	if len(values) == 0 {
		return nil, errors.New("no recipients given, so enter at least one age1… public key")
	}

	recipients := make([]age.Recipient, 0, len(values))
	for _, v := range values {
		r, err := parseRecipient(v)
		if err != nil {
			return nil, err
		}
		recipients = append(recipients, r)
	}
	return recipients, nil
}

// parseRecipient returns errors that quote the value, except when it is an
// age secret key, which no message may show.
func parseRecipient(value string) (*age.X25519Recipient, error) {
	v := strings.TrimSpace(value)
	if strings.HasPrefix(strings.ToUpper(v), "AGE-SECRET-KEY-") {
		return nil, errors.New("the recipient is an age secret key, not a public key, " +
			"so enter the age1… public key instead and keep the secret key private")
	}

	// Bech32 allows a key in all upper case, but age parses only lower case.
	if v == strings.ToUpper(v) {
		v = strings.ToLower(v)
	}
	r, err := age.ParseX25519Recipient(v)
	if err != nil {
		return nil, fmt.Errorf("invalid recipient %q: an age recipient is a public key "+
			"that starts with age1, so copy it again in full", shorten(v))
	}
	return r, nil
}

// shorten keeps an error message readable when a long text was pasted into a
// recipient field.
func shorten(s string) string {
	const maxRunes = 80
	runes := []rune(s)
	if len(runes) <= maxRunes {
		return s
	}
	return string(runes[:maxRunes]) + "…"
}

// LoadIdentities reads an age identity file in the format of age-keygen:
// AGE-SECRET-KEY-1… lines, with lines that start with # ignored.
func LoadIdentities(path string) ([]age.Identity, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open identity file: %w", err)
	}
	defer f.Close()

	ids, err := age.ParseIdentities(f)
	if err != nil {
		return nil, fmt.Errorf("read identity file %s: %w", path, err)
	}
	return ids, nil
}

const demoIdentityName = "demo-identity.txt"

// DemoIdentityPath returns where DemoIdentity keeps the demo key pair:
// xdg.DataHome/ukglink/demo-identity.txt.
func DemoIdentityPath() string {
	return filepath.Join(xdg.DataHome, "ukglink", demoIdentityName)
}

// DemoIdentity returns the demo mode's X25519 identity and the path of its
// file. The first call generates it and writes it with mode 0600 in the
// format of age-keygen, so that the stock age tool reads it too. Later calls,
// in this process or another, load the same file. DemoIdentity never replaces
// an existing file, because demo bundles sealed earlier need it.
func DemoIdentity() (*age.X25519Identity, string, error) {
	path := DemoIdentityPath()
	id, err := loadDemoIdentity(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return id, path, err
	}

	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, path, fmt.Errorf("create folder for demo identity: %w", err)
	}
	id, err = age.GenerateX25519Identity()
	if err != nil {
		return nil, path, fmt.Errorf("generate demo identity: %w", err)
	}

	err = atomicfile.Create(path, identityFile(id, time.Now()), 0o600)
	if errors.Is(err, fs.ErrExist) {
		// Another process created the file first: use its identity.
		id, err = loadDemoIdentity(path)
		return id, path, err
	}
	if err != nil {
		return nil, path, fmt.Errorf("write demo identity: %w", err)
	}
	return id, path, nil
}

func loadDemoIdentity(path string) (*age.X25519Identity, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("read demo identity: %w", err)
	}

	ids, err := LoadIdentities(path)
	if err != nil {
		return nil, fmt.Errorf("%w: delete the file to create a new demo identity", err)
	}
	var id *age.X25519Identity
	if len(ids) == 1 {
		id, _ = ids[0].(*age.X25519Identity)
	}
	if id == nil {
		return nil, fmt.Errorf("demo identity file %s must contain exactly one X25519 secret key: "+
			"delete the file to create a new demo identity", path)
	}
	return id, nil
}

// identityFile renders id the way age-keygen writes it.
func identityFile(id *age.X25519Identity, created time.Time) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# created: %s\n", created.Format(time.RFC3339))
	fmt.Fprintf(&b, "# public key: %s\n", id.Recipient())
	fmt.Fprintf(&b, "%s\n", id)
	return []byte(b.String())
}
