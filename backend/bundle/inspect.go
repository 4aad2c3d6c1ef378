package bundle

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// armorHeader starts an ASCII-armored age file.
const armorHeader = "-----BEGIN AGE ENCRYPTED FILE-----"

// Info is what a bundle reveals without a key: its header.
type Info struct {
	Format  string `json:"format"`
	Armored bool   `json:"armored"`
	// Size is the length of the file in bytes.
	Size int64 `json:"size"`
	// PlaintextSize is the length of the sealed JSON, -1 when the header
	// does not record it.
	PlaintextSize int               `json:"plaintext_size"`
	Recipients    []RecipientStanza `json:"recipients"`
}

// RecipientStanza is one way to open the bundle.
type RecipientStanza struct {
	// Type is the age stanza type: "X25519", "scrypt" (a passphrase) or
	// another recipient plugin.
	Type string `json:"type"`
	// Fingerprint is the key's Fingerprint when the header records it.
	Fingerprint string `json:"fingerprint,omitempty"`
}

// Inspect reads the header of the bundle in r without decrypting anything.
// Errors are *OpenError values like those of Open.
func Inspect(r io.Reader) (Info, error) {
	file, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return Info{}, fmt.Errorf("read bundle: %w", err)
	}
	info := Info{Size: int64(len(file)), PlaintextSize: -1, Recipients: []RecipientStanza{}}
	if bytes.HasPrefix(bytes.TrimSpace(file), []byte(armorHeader)) {
		info.Armored = true
		info.Format = "age-encryption.org/v1 (ASCII armor)"
		return info, nil
	}
	if oerr := checkIntro(file); oerr != nil {
		return info, oerr
	}
	if len(file) > MaxFileSize {
		return info, openError(ErrNotBundle, "the file is larger than 1 MiB", nil)
	}
	info.Format = "age-encryption.org/v1"
	if err := readStanzas(file, &info); err != nil {
		return info, err
	}
	return info, nil
}

// readStanzas fills info from the "-> TYPE ARGS" lines of the header.
func readStanzas(file []byte, info *Info) error {
	scanner := bufio.NewScanner(bytes.NewReader(file))
	scanner.Buffer(make([]byte, 0, 4096), MaxFileSize)
	scanner.Scan() // the intro line
	var fingerprints []string
	for scanner.Scan() {
		line := scanner.Text()
		if strings.HasPrefix(line, "--- ") {
			attachFingerprints(info, fingerprints)
			return nil
		}
		fields, isStanza := strings.CutPrefix(line, "-> ")
		if !isStanza {
			continue
		}
		args := strings.Fields(fields)
		if len(args) == 0 {
			continue
		}
		switch args[0] {
		case sizeStanzaType:
			if len(args) == 2 {
				if n, err := strconv.Atoi(args[1]); err == nil {
					info.PlaintextSize = n
				}
			}
		case recipientStanzaType:
			if len(args) == 2 {
				fingerprints = append(fingerprints, args[1])
			}
		default:
			info.Recipients = append(info.Recipients, RecipientStanza{Type: args[0]})
		}
	}
	return openError(ErrTruncated, "the file ends inside the age header", nil)
}

// attachFingerprints pairs the recorded fingerprints with the X25519
// stanzas, which Seal writes in the same order.
func attachFingerprints(info *Info, fingerprints []string) {
	next := 0
	for i := range info.Recipients {
		if info.Recipients[i].Type == "X25519" && next < len(fingerprints) {
			info.Recipients[i].Fingerprint = fingerprints[next]
			next++
		}
	}
}

// SealedFor returns the fingerprints of the keys the bundle in file names,
// for a wrong-key message. It returns nil when the header records none.
func SealedFor(file []byte) []string {
	info, err := Inspect(bytes.NewReader(file))
	var oerr *OpenError
	if err != nil && !errors.As(err, &oerr) {
		return nil
	}
	var fingerprints []string
	for _, r := range info.Recipients {
		if r.Fingerprint != "" {
			fingerprints = append(fingerprints, r.Fingerprint)
		}
	}
	return fingerprints
}
