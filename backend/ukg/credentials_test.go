package ukg

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/ukglink/ukglink/backend/secret"
)

// testSecret is a client secret that no output may contain.
const testSecret = "Zq8-tEsT-sEcReT/+=$%-9Lk2Vw"

func TestParseClientID(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
		note  string
	}{
		{"clean", "8f2c1a7e-ukg-client", "8f2c1a7e-ukg-client", ""},
		{"trailing space", "8f2c1a7e-ukg-client ", "8f2c1a7e-ukg-client", "Removed 1 space at the end."},
		{"crlf", "abc123def456\r\n", "abc123def456", "Removed 1 line break at the end."},
		{"leading tab", "\tabc123def456", "abc123def456", "Removed 1 tab at the start."},
		{"nbsp", "abc123def456\u00a0", "abc123def456", "Removed 1 non-breaking space at the end."},
		{"zero width", "\u200babc123def456\ufeff", "abc123def456",
			"Removed 1 zero-width character at the start and 1 byte order mark at the end."},
		{"punctuation", "a.b_c-d~e:f", "a.b_c-d~e:f", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseClientID(tt.input)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got.Value != tt.want {
				t.Errorf("Value = %q, want %q", got.Value, tt.want)
			}
			note, _ := findNote(got.Notes, "trimmed")
			if note.Message != tt.note {
				t.Errorf("trim note = %q, want %q", note.Message, tt.note)
			}
		})
	}
}

func TestParseClientIDRejected(t *testing.T) {
	tests := []wantRejected{
		{name: "empty", input: " \r\n", code: "empty"},
		{name: "tab inside", input: "abc\tdef", code: "whitespace_inside", position: 4,
			message: []string{"a tab at position 4"}},
		{name: "space inside", input: "abc def", code: "whitespace_inside", position: 4,
			message: []string{"a space at position 4"}},
		{name: "position counts trimmed", input: "  abc def", code: "whitespace_inside", position: 6},
		{name: "zero width inside", input: "abc\u200bdef", code: "invisible_character", position: 4,
			message: []string{"a zero-width space (U+200B) at position 4"}},
		{name: "nbsp inside", input: "abc\u00a0def", code: "whitespace_inside", position: 4,
			message: []string{"non-breaking space"}},
		{name: "line break inside", input: "abc\ndef", code: "whitespace_inside", position: 4,
			message: []string{"a line break"}},
		{name: "non ascii", input: "abcé", code: "non_ascii", position: 4, message: []string{"U+00E9"}},
		{name: "control", input: "abc\x07", code: "invalid_character", position: 4},
		{name: "soft hyphen", input: "abc\u00addef", code: "invisible_character", position: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseClientID(tt.input)
			checkRejected(t, FieldClientID, err, tt)
		})
	}
}

func TestParseClientSecret(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
		note  string
	}{
		{"padding", "abc==", "abc==", ""},
		{"url characters", "ab/cd+ef$gh%20", "ab/cd+ef$gh%20", ""},
		{"crlf", "secret\r\n", "secret", "Removed 1 line break at the end."},
		{"spaces", "  " + testSecret + " ", testSecret, "Removed 2 spaces at the start and 1 space at the end."},
		{"quotes and backslash", `a"b'c\d`, `a"b'c\d`, ""},
		{"zero width", "\u2060abc==\u200c", "abc==", "Removed 1 zero-width character at the start and 1 zero-width character at the end."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseClientSecret(tt.input)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got.Secret.Reveal() != tt.want {
				t.Errorf("secret = %q, want %q", got.Secret.Reveal(), tt.want)
			}
			note, _ := findNote(got.Notes, "trimmed")
			if note.Message != tt.note {
				t.Errorf("trim note = %q, want %q", note.Message, tt.note)
			}
		})
	}
}

func TestParseClientSecretRejected(t *testing.T) {
	tests := []wantRejected{
		{name: "empty", input: "", code: "empty"},
		{name: "only whitespace", input: " \r\n\t", code: "empty"},
		{name: "line break inside", input: "abc\r\ndef", code: "whitespace_inside", position: 4,
			message: []string{"a line break at position 4"}},
		{name: "tab inside", input: "abc\tdef", code: "whitespace_inside", position: 4},
		{name: "zero width inside", input: "abc\u200bdef", code: "invisible_character", position: 4},
		{name: "null byte", input: "abc\x00def", code: "invalid_character", position: 4},
		{name: "invalid utf8", input: "abc\xffdef", code: "invalid_encoding", position: 4},
		{name: "private use", input: "abc\ue000def", code: "invalid_character", position: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseClientSecret(tt.input)
			checkRejected(t, FieldClientSecret, err, tt)
		})
	}
}

func TestParseClientSecretWarnings(t *testing.T) {
	tests := []struct {
		name  string
		input string
		code  string
	}{
		{"space inside", "abc def ghi", "space_inside_secret"},
		{"nbsp inside", "abc\u00a0def", "space_inside_secret"},
		{"non ascii", "abcédef", "non_ascii_secret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseClientSecret(tt.input)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got.Secret.Reveal() != tt.input {
				t.Errorf("secret changed to %q", got.Secret.Reveal())
			}
			if _, ok := findNote(got.Warnings, tt.code); !ok {
				t.Errorf("warnings %v, want %q", noteCodes(got.Warnings), tt.code)
			}
		})
	}
}

// TestParseClientSecretNoLeak checks every output of the secret parser and
// of CredentialWarnings for the test secret.
func TestParseClientSecretNoLeak(t *testing.T) {
	inputs := []string{
		" " + testSecret + "\r\n",
		testSecret + "\t" + testSecret,
		testSecret + "\u200b",
		testSecret + " x",
	}
	for _, input := range inputs {
		got, err := ParseClientSecret(input)
		out := fmt.Sprintf("%v %+v %#v %s", got, got, got, fmt.Sprint(err))
		data, jsonErr := json.Marshal(got)
		if jsonErr != nil {
			t.Fatal(jsonErr)
		}
		out += string(data)
		for _, n := range CredentialWarnings(testSecret, secret.New(input)) {
			out += n.Message
		}
		if strings.Contains(out, testSecret) {
			t.Errorf("output contains the secret: %s", out)
		}
	}
}

func TestCredentialWarnings(t *testing.T) {
	const longSecret = "k3Jd9aPq0Zx7Lm2Nv5Bc8Rt1Yw4Hs6Gf"
	tests := []struct {
		name     string
		clientID string
		secret   string
		// codes lists the expected warning codes, in order.
		codes []string
	}{
		{"oauth pair", "3f2b1c4d-8e9a-4b7c-9d1e-2a3b4c5d6e7f", longSecret, nil},
		{"customer api key", "B4X7K", longSecret, []string{"looks_like_api_key"}},
		{"user api key", "B8VGK50000K0", longSecret, []string{"looks_like_api_key"}},
		{"email user name", "svc.recruiting@acme.example", longSecret, []string{"looks_like_user_name"}},
		{"windows login", `ACME\svc_recruit`, longSecret, []string{"looks_like_user_name"}},
		{"dotted user name", "first.last", longSecret, []string{"looks_like_user_name"}},
		{"underscore user name", "svc_recruiting", longSecret, []string{"looks_like_user_name"}},
		{"tenant as client id", "USG1008IT124S", longSecret, []string{"looks_like_tenant"}},
		{"short password", "3f2b1c4d-8e9a-4b7c-9d1e-2a3b4c5d6e7f", "Summer2024!", []string{"looks_like_password"}},
		{"soap pair", "B4X7K", "Welcome123", []string{"looks_like_api_key", "looks_like_password"}},
		{"same values", "k3Jd9aPq0Zx7Lm2Nv5Bc8Rt1Yw4Hs6Gf", longSecret, []string{"secret_same_as_client_id"}},
		{"trimmed first", " B4X7K\r\n", " " + longSecret + "\n", []string{"looks_like_api_key"}},
		{"empty values", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CredentialWarnings(tt.clientID, secret.New(tt.secret))
			codes := noteCodes(got)
			if strings.Join(codes, ",") != strings.Join(tt.codes, ",") {
				t.Errorf("warnings %v, want %v", codes, tt.codes)
			}
		})
	}
}

func TestCredentialWarningsExplain(t *testing.T) {
	got := CredentialWarnings("B4X7K", secret.New("Welcome123"))
	for _, n := range got {
		if !strings.Contains(n.Message, "OAuth client ID and client secret") {
			t.Errorf("%s: message does not name OAuth credentials: %q", n.Code, n.Message)
		}
		if !strings.Contains(n.Message, "support case") {
			t.Errorf("%s: message does not mention the support case: %q", n.Code, n.Message)
		}
	}
	if len(got) > 0 && !strings.Contains(got[0].Message, "Customer API key") {
		t.Errorf("message does not name the Customer API key: %q", got[0].Message)
	}
}
