package bundle

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"filippo.io/age"

	"github.com/ukglink/ukglink/backend/secret"
)

// decodePayload checks format_version before it decodes the rest, so that a
// newer format is reported as ErrUnknownFormat whatever its other fields are.
func decodePayload(plain []byte) (Contents, *OpenError) {
	var head struct {
		FormatVersion *int `json:"format_version"`
	}
	if err := json.Unmarshal(plain, &head); err != nil {
		return Contents{}, openError(ErrNotBundle, describeJSONError(err), nil)
	}

	switch v := head.FormatVersion; {
	case v == nil || *v < 1:
		return Contents{}, openError(ErrNotBundle, "the payload has no valid format_version", nil)
	case *v > FormatVersion:
		detail := fmt.Sprintf("format_version %d is newer than %d, the newest this app reads", *v, FormatVersion)
		return Contents{}, openError(ErrUnknownFormat, detail, nil)
	}
	return decodeV1(plain)
}

func decodeV1(plain []byte) (Contents, *OpenError) {
	var p payloadV1
	if err := json.Unmarshal(plain, &p); err != nil {
		return Contents{}, openError(ErrNotBundle, describeJSONError(err), nil)
	}

	missing := ""
	switch {
	case p.BundleID == "":
		missing = "bundle_id"
	case p.CreatedAt.IsZero():
		missing = "created_at"
	case p.ExpiresAt.IsZero():
		missing = "expires_at"
	case p.ClientSecret == "":
		missing = "client_secret"
	}
	if missing != "" {
		return Contents{}, openError(ErrNotBundle, "the payload has no "+missing, nil)
	}

	return Contents{
		FormatVersion:   p.FormatVersion,
		BundleID:        p.BundleID,
		CreatedAt:       p.CreatedAt,
		ExpiresAt:       p.ExpiresAt,
		AppVersion:      p.AppVersion,
		Profile:         p.Profile,
		ClientSecret:    secret.New(p.ClientSecret),
		RequestedScopes: p.RequestedScopes,
		Verification:    p.Verification,
	}, nil
}

// describeJSONError names the position or field of a JSON error but, unlike
// the error text of encoding/json, never a character or value of the
// plaintext, which contains the client secret.
func describeJSONError(err error) string {
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntaxErr):
		return fmt.Sprintf("the payload is not valid JSON at byte offset %d", syntaxErr.Offset)
	case errors.As(err, &typeErr):
		return fmt.Sprintf("the payload field %q has the JSON type %s", typeErr.Field, typeErr.Value)
	default:
		return "the payload is not a JSON object"
	}
}

// sizeStanzaType is the type of the header stanza that records the plaintext
// length, described in the package documentation.
const sizeStanzaType = "ukglink-size"

// sizeRecipient adds the size stanza to the header. It wraps no file key, so
// no identity can open a file through it.
type sizeRecipient struct {
	size int
}

func (r sizeRecipient) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	s := &age.Stanza{Type: sizeStanzaType, Args: []string{strconv.Itoa(r.size)}}
	return []*age.Stanza{s}, nil
}

// recipientStanzaType is the type of the header stanza that names, by its
// Fingerprint, one X25519 key the bundle is sealed for. The age X25519
// stanza itself does not say which key it is for.
const recipientStanzaType = "ukglink-recipient"

// fingerprintRecipient adds one recipient stanza. Like sizeRecipient it
// wraps no file key.
type fingerprintRecipient struct {
	key string
}

func (r fingerprintRecipient) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	fingerprint, err := Fingerprint(r.key)
	if err != nil {
		return nil, err
	}
	return []*age.Stanza{{Type: recipientStanzaType, Args: []string{fingerprint}}}, nil
}

// age v1 payload layout: a 16-byte nonce, then chunks of up to 64 KiB of
// plaintext, each followed by a 16-byte Poly1305 tag. A file has at least one
// chunk.
const (
	streamNonceSize = 16
	streamChunkSize = 64 << 10
	streamTagSize   = 16
)

func encryptedPayloadSize(plainSize int) int {
	chunks := max(1, (plainSize+streamChunkSize-1)/streamChunkSize)
	return streamNonceSize + plainSize + chunks*streamTagSize
}

// payloadIsShort reports whether the payload after the header is shorter than
// the size stanza declares. known is false when the header has no size
// stanza. The caller must have verified the header MAC, which covers it.
func payloadIsShort(file []byte) (short, known bool) {
	header, ok := headerBytes(file)
	if !ok {
		return false, false
	}

	size, ok := declaredSize(header)
	if !ok {
		return false, false
	}
	return len(file)-len(header) < encryptedPayloadSize(size), true
}

// headerBytes returns the age header up to and including the newline of the
// "---" MAC line.
func headerBytes(file []byte) ([]byte, bool) {
	start := bytes.Index(file, []byte("\n--- "))
	if start < 0 {
		return nil, false
	}
	end := bytes.IndexByte(file[start+1:], '\n')
	if end < 0 {
		return nil, false
	}
	return file[:start+1+end+1], true
}

func declaredSize(header []byte) (int, bool) {
	prefix := []byte("\n-> " + sizeStanzaType + " ")
	i := bytes.Index(header, prefix)
	if i < 0 {
		return 0, false
	}

	rest := header[i+len(prefix):]
	end := bytes.IndexByte(rest, '\n')
	if end < 0 {
		return 0, false
	}
	size, err := strconv.Atoi(string(rest[:end]))
	if err != nil || size < 0 || size > MaxFileSize {
		return 0, false
	}
	return size, true
}
