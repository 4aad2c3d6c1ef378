package bundle

import (
	"bytes"
	"encoding/base64"
)

// The lines around an ASCII-armored age file.
const (
	armorBegin = "-----BEGIN AGE ENCRYPTED FILE-----"
	armorEnd   = "-----END AGE ENCRYPTED FILE-----"
)

// Dearmor returns the binary age file inside an ASCII-armored one, and
// reports whether file was armored. A file without the armor's first line
// comes back unchanged.
//
// Unlike filippo.io/age/armor, which needs the 64-column lines it writes,
// Dearmor ignores all white space between the armor lines, because mail
// clients and text editors re-wrap, join and indent lines and turn LF into
// CRLF. Text that is not base64 there means the file was changed
// (ErrTampered), and a missing last line means it was cut (ErrTruncated).
func Dearmor(file []byte) ([]byte, bool, *OpenError) {
	text := bytes.TrimLeft(file, "\ufeff \t\r\n")
	if !bytes.HasPrefix(text, []byte(armorBegin)) {
		return file, false, nil
	}
	body := text[len(armorBegin):]
	end := bytes.Index(body, []byte(armorEnd))
	if end < 0 {
		return nil, true, openError(ErrTruncated, "the armored file has no "+armorEnd+" line", nil)
	}
	if len(bytes.TrimSpace(body[end+len(armorEnd):])) != 0 {
		return nil, true, openError(ErrTampered, "the armored file has text after its last line", nil)
	}

	encoded := bytes.Join(bytes.Fields(body[:end]), nil)
	binary := make([]byte, base64.StdEncoding.DecodedLen(len(encoded)))
	n, err := base64.StdEncoding.Strict().Decode(binary, encoded)
	if err != nil {
		return nil, true, openError(ErrTampered, "the armored text is not valid base64: "+err.Error(), err)
	}
	return binary[:n], true, nil
}
