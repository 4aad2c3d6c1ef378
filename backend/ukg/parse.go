package ukg

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ukglink/ukglink/backend/secret"
)

// Note is something a parser did or noticed, shown back to the admin.
type Note struct {
	// Code is stable, for example "trimmed", "took_host_from_url",
	// "lower_cased", "lower_case_tenant" or "looks_like_api_key".
	Code string `json:"code"`
	// Message is a full sentence for the admin.
	Message string `json:"message"`
}

// FieldError is a rejected value. Message names the value (never a secret)
// and the fix.
type FieldError struct {
	// Field is one of the Field* constants, or "" from NormalizeHost.
	Field string `json:"field"`
	// Code is stable, for example "empty", "whitespace_inside",
	// "not_a_service_host", "unknown_domain", "invalid_character" or
	// "host_not_allowed".
	Code    string `json:"code"`
	Message string `json:"message"`
	// Position is the 1-based rune position of the offending character in
	// the input as given, before trimming, or 0 when no character is at fault.
	// A message that quotes only part of the input, such as the host of a
	// URL, counts its own "at position" from the start of that part.
	Position int `json:"position,omitempty"`
}

func (e *FieldError) Error() string {
	field := e.Field
	if field == "" {
		field = "host"
	}
	message := strings.TrimSuffix(e.Message, ".")
	return fmt.Sprintf("invalid %s (%s): %s", field, e.Code, message)
}

// Value is the result of a parser of a non-secret value.
type Value struct {
	Value    string `json:"value"`
	Notes    []Note `json:"notes,omitempty"`
	Warnings []Note `json:"warnings,omitempty"`
}

// Subdomain is a parsed web-service subdomain.
type Subdomain struct {
	// Value.Value is the normalized label, for example "servicet".
	Value
	// Domain is the UKG domain of a pasted host, for example "ultipro.ca",
	// so the UI can suggest the matching account type. It is "" for a bare label.
	Domain string `json:"domain,omitempty"`
}

// SecretValue is a parsed client secret. Notes and warnings never contain it.
type SecretValue struct {
	Secret   secret.Secret `json:"-"`
	Notes    []Note        `json:"notes,omitempty"`
	Warnings []Note        `json:"warnings,omitempty"`
}

// fieldError builds a *FieldError with a formatted message.
func fieldError(field, code string, position int, format string, args ...any) *FieldError {
	return &FieldError{
		Field:    field,
		Code:     code,
		Message:  fmt.Sprintf(format, args...),
		Position: position,
	}
}

// trimmedInput is an input without the whitespace and invisible characters
// that surround it.
type trimmedInput struct {
	value string
	// leading is the number of runes removed at the start.
	leading int
	notes   []Note
}

// trimInput removes whitespace, including CR, LF, tab and NBSP, and
// zero-width characters from both ends of input. The note names what was
// removed and never the value itself.
func trimInput(input string) trimmedInput {
	rest := strings.TrimLeftFunc(input, isTrimmable)
	lead := input[:len(input)-len(rest)]
	value := strings.TrimRightFunc(rest, isTrimmable)
	trail := rest[len(value):]

	t := trimmedInput{value: value, leading: utf8.RuneCountInString(lead)}
	if lead == "" && trail == "" {
		return t
	}

	var parts []string
	if lead != "" {
		parts = append(parts, describeRemoved(lead)+" at the start")
	}
	if trail != "" {
		parts = append(parts, describeRemoved(trail)+" at the end")
	}
	t.notes = []Note{{
		Code:    "trimmed",
		Message: "Removed " + strings.Join(parts, " and ") + ".",
	}}
	return t
}

func isTrimmable(r rune) bool {
	return unicode.IsSpace(r) || isZeroWidth(r)
}

func isZeroWidth(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return false
}

// describeRemoved counts the characters of s by kind, for example
// "2 spaces and 1 line break". CR LF counts as one line break.
func describeRemoved(s string) string {
	var kinds []string
	counts := map[string]int{}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		kind := trimKind(r)
		if counts[kind] == 0 {
			kinds = append(kinds, kind)
		}
		counts[kind]++
	}

	phrases := make([]string, len(kinds))
	for i, kind := range kinds {
		phrases[i] = countPhrase(counts[kind], kind)
	}
	return joinPhrases(phrases)
}

// trimKind names the kind of a trimmable rune in the singular.
func trimKind(r rune) string {
	switch r {
	case ' ':
		return "space"
	case '\t':
		return "tab"
	case '\n', '\r', '\u0085', '\u2028', '\u2029':
		return "line break"
	case '\u00A0':
		return "non-breaking space"
	case '\uFEFF':
		return "byte order mark"
	}
	if isZeroWidth(r) {
		return "zero-width character"
	}
	return "other whitespace character"
}

func countPhrase(n int, kind string) string {
	if n == 1 {
		return "1 " + kind
	}
	return fmt.Sprintf("%d %ss", n, kind)
}

// joinPhrases joins "a", "b" and "c" as "a, b and c".
func joinPhrases(phrases []string) string {
	if len(phrases) <= 1 {
		return strings.Join(phrases, "")
	}
	last := len(phrases) - 1
	return strings.Join(phrases[:last], ", ") + " and " + phrases[last]
}

// badRune is the first character of a value that a check rejected.
type badRune struct {
	r rune
	// position is the 1-based rune position within the checked string.
	position int
	// invalidUTF8 marks a byte that does not start a valid UTF-8 sequence.
	invalidUTF8 bool
}

// findBadRune returns the first rune of s for which allowed is false. A byte
// that is not valid UTF-8 is always bad.
func findBadRune(s string, allowed func(rune) bool) (badRune, bool) {
	position := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		position++
		invalid := r == utf8.RuneError && size == 1
		if invalid || !allowed(r) {
			return badRune{r: r, position: position, invalidUTF8: invalid}, true
		}
		s = s[size:]
	}
	return badRune{}, false
}

// code returns the FieldError code for the rune.
func (b badRune) code() string {
	switch {
	case b.invalidUTF8 || b.r > unicode.MaxASCII && !isInvisible(b.r) && !unicode.IsSpace(b.r):
		return "non_ascii"
	case unicode.IsSpace(b.r):
		return "whitespace_inside"
	case isInvisible(b.r):
		return "invisible_character"
	}
	return "invalid_character"
}

// describe names the rune for the admin, for example "a tab" or
// `the non-ASCII character "і" (U+0456)`.
func (b badRune) describe() string {
	if b.invalidUTF8 {
		return "a byte that is not valid UTF-8 text"
	}
	switch b.r {
	case ' ':
		return "a space"
	case '\t':
		return "a tab"
	case '\n', '\r':
		return "a line break"
	case '\u00A0':
		return "a non-breaking space (U+00A0)"
	case '\u200B':
		return "a zero-width space (U+200B)"
	case '\u200C':
		return "a zero-width non-joiner (U+200C)"
	case '\u200D':
		return "a zero-width joiner (U+200D)"
	case '\u2060':
		return "a word joiner (U+2060)"
	case '\uFEFF':
		return "a byte order mark (U+FEFF)"
	}
	return describeOtherRune(b.r)
}

func describeOtherRune(r rune) string {
	switch {
	case unicode.IsSpace(r):
		return fmt.Sprintf("a whitespace character (U+%04X)", r)
	case unicode.IsControl(r):
		return fmt.Sprintf("a control character (U+%04X)", r)
	case isInvisible(r):
		return fmt.Sprintf("an invisible character (U+%04X)", r)
	case r > unicode.MaxASCII:
		return fmt.Sprintf("the non-ASCII character %q (U+%04X)", string(r), r)
	}
	return fmt.Sprintf("the character %q", string(r))
}

// isInvisible reports whether r prints nothing: a zero-width or other
// formatting character (Unicode category Cf).
func isInvisible(r rune) bool {
	return isZeroWidth(r) || unicode.Is(unicode.Cf, r)
}

// runeOffset returns the number of runes in s[:byteIndex].
func runeOffset(s string, byteIndex int) int {
	return utf8.RuneCountInString(s[:byteIndex])
}
