package ukg

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// fieldErrorOf returns err as a *FieldError and fails the test otherwise.
func fieldErrorOf(t *testing.T, err error) *FieldError {
	t.Helper()
	var fe *FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("error = %v (%T), want *FieldError", err, err)
	}
	return fe
}

// findNote returns the note with code.
func findNote(notes []Note, code string) (Note, bool) {
	for _, n := range notes {
		if n.Code == code {
			return n, true
		}
	}
	return Note{}, false
}

// noteCodes lists the codes of notes, for failure output.
func noteCodes(notes []Note) []string {
	codes := make([]string, len(notes))
	for i, n := range notes {
		codes[i] = n.Code
	}
	return codes
}

// wantRejected is the expected error of an input that a parser rejects.
type wantRejected struct {
	name     string
	input    string
	code     string
	position int
	// message lists substrings that the message must contain.
	message []string
}

// checkRejected asserts that err is a *FieldError matching want.
func checkRejected(t *testing.T, field string, err error, want wantRejected) {
	t.Helper()
	if err == nil {
		t.Fatalf("%q: no error, want code %q", want.input, want.code)
	}
	fe := fieldErrorOf(t, err)
	if fe.Field != field {
		t.Errorf("Field = %q, want %q", fe.Field, field)
	}
	if fe.Code != want.code {
		t.Errorf("Code = %q, want %q (message %q)", fe.Code, want.code, fe.Message)
	}
	if fe.Position != want.position {
		t.Errorf("Position = %d, want %d", fe.Position, want.position)
	}
	for _, part := range want.message {
		if !strings.Contains(fe.Message, part) {
			t.Errorf("Message = %q, want it to contain %q", fe.Message, part)
		}
	}
}

func TestTrimInput(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		value   string
		leading int
		message string
	}{
		{"nothing to trim", "abc", "abc", 0, ""},
		{"trailing space", "abc ", "abc", 0, "Removed 1 space at the end."},
		{"leading spaces", "  https://x", "https://x", 2, "Removed 2 spaces at the start."},
		{"crlf is one line break", "abc\r\n", "abc", 0, "Removed 1 line break at the end."},
		{"two line breaks", "abc\n\n", "abc", 0, "Removed 2 line breaks at the end."},
		{"both ends", "\tabc  ", "abc", 1, "Removed 1 tab at the start and 2 spaces at the end."},
		{"nbsp", "\u00a0abc", "abc", 1, "Removed 1 non-breaking space at the start."},
		{"zero width", "abc\u200b\u200d\u2060", "abc", 0, "Removed 3 zero-width characters at the end."},
		{"byte order mark", "\ufeffabc", "abc", 1, "Removed 1 byte order mark at the start."},
		{"mixed kinds", "abc \t\r\n", "abc", 0, "Removed 1 space, 1 tab and 1 line break at the end."},
		{"only whitespace", " \t ", "", 3, "Removed 2 spaces and 1 tab at the start."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := trimInput(tt.input)
			if got.value != tt.value {
				t.Errorf("value = %q, want %q", got.value, tt.value)
			}
			if got.leading != tt.leading {
				t.Errorf("leading = %d, want %d", got.leading, tt.leading)
			}
			message := ""
			if len(got.notes) > 0 {
				message = got.notes[0].Message
			}
			if message != tt.message {
				t.Errorf("note = %q, want %q", message, tt.message)
			}
		})
	}
}

func TestFieldErrorString(t *testing.T) {
	err := &FieldError{Field: FieldTenant, Code: "empty", Message: "The tenant name is empty."}
	want := "invalid tenant (empty): The tenant name is empty"
	if got := err.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestFieldErrorJSON(t *testing.T) {
	err := &FieldError{Field: FieldClientID, Code: "whitespace_inside", Message: "m", Position: 3}
	data, jsonErr := json.Marshal(err)
	if jsonErr != nil {
		t.Fatal(jsonErr)
	}
	want := `{"field":"client_id","code":"whitespace_inside","message":"m","position":3}`
	if string(data) != want {
		t.Errorf("JSON = %s, want %s", data, want)
	}
}

func TestParseAccountType(t *testing.T) {
	tests := []struct {
		input string
		id    string
	}{
		{"production", "production"},
		{"TEST", "test"},
		{" Canada ", "canada"},
		{"ukgpro", "ukgpro"},
		{"UkgNet", "ukgnet"},
	}
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			got, err := ParseAccountType(tt.input)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got.ID != tt.id {
				t.Errorf("ID = %q, want %q", got.ID, tt.id)
			}
		})
	}
}

func TestParseAccountTypeRejected(t *testing.T) {
	ids := strings.Join(AccountTypeIDs(), ", ")
	tests := []wantRejected{
		{name: "empty", input: " ", code: "empty", message: []string{ids}},
		{name: "unknown", input: "sandbox", code: "unknown_account_type", message: []string{`"sandbox"`, ids}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseAccountType(tt.input)
			checkRejected(t, FieldAccountType, err, tt)
		})
	}
}

func TestNotServiceHostPatterns(t *testing.T) {
	for _, p := range NotServiceHosts {
		if _, ok := matchNotServiceHost(strings.ReplaceAll(p.Pattern, "*", "x")); !ok {
			t.Errorf("pattern %q does not match its own example", p.Pattern)
		}
	}
}
