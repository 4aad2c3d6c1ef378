package verify

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/ukglink/ukglink/backend/secret"
)

// minRedactLength is the shortest value that redaction replaces. Shorter
// ones would match ordinary text.
const minRedactLength = 4

// redactPieceLength is the length of the pieces of a secret value that
// redaction looks for. A server text that was shortened, or that contains
// only part of the value, still loses every run of this many bytes of it.
const redactPieceLength = 8

// redactor removes secret values from text that a server sent. A server may
// echo a value raw, percent-encoded as in the form body it received, or
// escaped for JSON, so redactor looks for each of these forms. Matching
// ignores the case of ASCII letters, because percent-encoding may use
// lower-case hex digits.
type redactor struct {
	// needles are the forms of the values, lower-cased. A form longer than
	// redactPieceLength is stored as its pieces of that length.
	needles []string
}

// newRedactor returns a redactor for values. Values shorter than
// minRedactLength are ignored.
func newRedactor(values ...string) redactor {
	seen := map[string]bool{}
	var rd redactor
	add := func(needle string) {
		if !seen[needle] {
			seen[needle] = true
			rd.needles = append(rd.needles, needle)
		}
	}
	for _, value := range values {
		if len(value) < minRedactLength {
			continue
		}
		for _, form := range encodedForms(value) {
			form = lowerASCII(form)
			if len(form) <= redactPieceLength {
				add(form)
				continue
			}
			for i := 0; i+redactPieceLength <= len(form); i++ {
				add(form[i : i+redactPieceLength])
			}
		}
	}
	return rd
}

// encodedForms returns value as it may appear in a server response: raw,
// form-encoded (space as "+"), percent-encoded (space as "%20"), as a URL
// path segment and escaped for JSON with and without HTML escaping and
// with "/" escaped.
func encodedForms(value string) []string {
	query := url.QueryEscape(value)
	forms := []string{
		value,
		query,
		strings.ReplaceAll(query, "+", "%20"),
		url.PathEscape(value),
	}
	if quoted, err := json.Marshal(value); err == nil {
		forms = append(forms, string(quoted[1:len(quoted)-1]))
	}
	var plain bytes.Buffer
	encoder := json.NewEncoder(&plain)
	encoder.SetEscapeHTML(false)
	if encoder.Encode(value) == nil {
		unquoted := strings.TrimSuffix(plain.String(), "\n")
		unquoted = unquoted[1 : len(unquoted)-1]
		forms = append(forms, unquoted, strings.ReplaceAll(unquoted, "/", `\/`))
	}
	return forms
}

// redact replaces every run of text that matches a needle with
// secret.Redacted. Overlapping and adjacent matches become one marker.
func (rd redactor) redact(text string) string {
	if len(rd.needles) == 0 || text == "" {
		return text
	}
	lower := lowerASCII(text)
	covered := make([]bool, len(text))
	found := false
	for _, needle := range rd.needles {
		for from := 0; from < len(lower); {
			i := strings.Index(lower[from:], needle)
			if i < 0 {
				break
			}
			start, end := runeBounds(text, from+i, from+i+len(needle))
			for j := start; j < end; j++ {
				covered[j] = true
			}
			found = true
			from += i + 1
		}
	}
	if !found {
		return text
	}

	var b strings.Builder
	for i := 0; i < len(text); i++ {
		switch {
		case !covered[i]:
			b.WriteByte(text[i])
		case i == 0 || !covered[i-1]:
			b.WriteString(secret.Redacted)
		}
	}
	return b.String()
}

// runeBounds widens the byte range [start, end) of text to whole runes.
func runeBounds(text string, start, end int) (int, int) {
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	return start, end
}

// lowerASCII lower-cases the ASCII letters of s and keeps every other byte,
// so byte offsets in the result are those of s.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return string(b)
}
