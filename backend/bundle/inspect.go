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
	// Warnings are sentences on damage that the file shows without a key,
	// such as a payload shorter than its header records.
	Warnings []string `json:"warnings"`
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
// It removes ASCII armor first. Errors are *OpenError values like those of
// Open.
func Inspect(r io.Reader) (Info, error) {
	file, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return Info{}, fmt.Errorf("read bundle: %w", err)
	}
	info := Info{Size: int64(len(file)), PlaintextSize: -1, Recipients: []RecipientStanza{}, Warnings: []string{}}
	if len(file) > MaxFileSize {
		return info, openError(ErrNotBundle, "the file is larger than 1 MiB", nil)
	}
	info.Format = "age-encryption.org/v1"
	file, armored, oerr := Dearmor(file)
	if armored {
		info.Armored = true
		info.Format = "age-encryption.org/v1 (ASCII armor)"
	}
	if oerr != nil {
		return info, oerr
	}
	if oerr := checkIntro(file); oerr != nil {
		return info, oerr
	}
	if err := readStanzas(file, &info); err != nil {
		return info, err
	}
	info.Warnings = append(info.Warnings, payloadWarnings(file)...)
	return info, nil
}

// payloadWarnings compares the payload after the header with the size the
// header records, or, without a size stanza, with the smallest age payload.
// The header MAC is not checked here, so a warning is a strong sign, not
// proof: Open decides.
func payloadWarnings(file []byte) []string {
	header, ok := headerBytes(file)
	if !ok {
		return nil
	}
	actual := len(file) - len(header)
	size, known := declaredSize(header)
	if !known {
		if actual < streamNonceSize+streamTagSize {
			return []string{"The file ends before its encrypted content, so it was cut short. " +
				"Copy or download the whole bundle again."}
		}
		return nil
	}
	expected := encryptedPayloadSize(size)
	switch {
	case actual < expected:
		return []string{fmt.Sprintf("The file is %d bytes shorter than its header records, so it was cut short. "+
			"Copy or download the whole bundle again.", expected-actual)}
	case actual > expected:
		return []string{fmt.Sprintf("The file is %d bytes longer than its header records, so something was "+
			"added after sealing. Ask the sender for a new copy.", actual-expected)}
	}
	return nil
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
