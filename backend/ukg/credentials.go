package ukg

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/ukglink/ukglink/backend/secret"
)

// oauthHelp names the credentials that UKG Pro Recruiting needs.
const oauthHelp = "UKG Pro Recruiting needs an OAuth client ID and client secret, which " +
	"UKG issues when you open a support case. " +
	"The Web Services user name, password and API keys do not work here."

// ParseClientID trims the client ID and rejects whitespace, invisible,
// control and non-ASCII characters inside it. RFC 6749 (appendix A.1)
// allows only printable ASCII in a client ID, and a space inside one is a
// copy mistake. CredentialWarnings checks for Web Services credentials.
// Errors are *FieldError.
func ParseClientID(input string) (Value, error) {
	t := trimInput(input)
	if t.value == "" {
		return Value{}, fieldError(FieldClientID, "empty", 0,
			"The client ID is empty. Paste the client ID that UKG sent you for UKG Pro Recruiting.")
	}

	if bad, found := findBadRune(t.value, isVisibleASCII); found {
		position := t.leading + bad.position
		return Value{}, fieldError(FieldClientID, bad.code(), position,
			"The client ID contains %s at position %d. A client ID has only ASCII "+
				"letters, digits and punctuation, "+
				"without spaces or invisible characters, so copy it again as one piece.", bad.describe(), position)
	}
	return Value{Value: t.value, Notes: t.notes}, nil
}

// isVisibleASCII reports whether r is printable ASCII other than space.
func isVisibleASCII(r rune) bool {
	return r > ' ' && r < unicode.MaxASCII
}

// ParseClientSecret trims the client secret and keeps the rest byte for
// byte: "=", "/", "+", "$", "%" and any other printable character stay as
// they are. Control and invisible characters inside the secret are
// rejected. Notes, warnings and errors name characters by kind and
// position only, never the secret. Errors are *FieldError.
func ParseClientSecret(input string) (SecretValue, error) {
	t := trimInput(input)
	if t.value == "" {
		return SecretValue{}, fieldError(FieldClientSecret, "empty", 0,
			"The client secret is empty. Paste the client secret that UKG sent you "+
				"with the client ID.")
	}

	bad, found := findBadRune(t.value, isSecretRune)
	if found {
		position := t.leading + bad.position
		code := bad.code()
		if bad.invalidUTF8 {
			code = "invalid_encoding"
		} else if code == "non_ascii" {
			code = "invalid_character"
		}
		return SecretValue{}, fieldError(FieldClientSecret, code, position,
			"The client secret contains %s at position %d. Copy the client secret "+
				"again as one piece.",
			describeSecretRune(bad), position)
	}

	return SecretValue{
		Secret:   secret.New(t.value),
		Notes:    t.notes,
		Warnings: secretWarnings(t),
	}, nil
}

// isSecretRune accepts every printable character, ASCII or not. A
// non-breaking space inside is kept too: it prints as a space.
func isSecretRune(r rune) bool {
	return r == ' ' || r == '\u00A0' || unicode.IsPrint(r)
}

// describeSecretRune names a rejected rune of the secret without printing
// it. Only whitespace, control and invisible characters and bytes that are
// not UTF-8 reach it, so the kind gives nothing of the secret away.
func describeSecretRune(bad badRune) string {
	if bad.invalidUTF8 {
		return bad.describe()
	}
	if bad.r > unicode.MaxASCII && !unicode.IsSpace(bad.r) && !isInvisible(bad.r) && !unicode.IsControl(bad.r) {
		return fmt.Sprintf("a character that cannot be printed (U+%04X)", bad.r)
	}
	return bad.describe()
}

// secretWarnings warns about spaces and non-ASCII characters inside the
// secret, which OAuth client secrets rarely contain.
func secretWarnings(t trimmedInput) []Note {
	var warnings []Note
	if bad, found := findBadRune(t.value, isNotSpace); found {
		warnings = append(warnings, Note{Code: "space_inside_secret",
			Message: fmt.Sprintf("The client secret contains %s at position %d. "+
				"Client secrets rarely contain spaces, so check that you copied exactly one value.",
				bad.describe(), t.leading+bad.position)})
	}
	if bad, found := findBadRune(t.value, isASCII); found {
		warnings = append(warnings, Note{Code: "non_ascii_secret",
			Message: fmt.Sprintf("The client secret contains a non-ASCII character at position %d. "+
				"OAuth client secrets normally use only ASCII, so check that you "+
				"copied the right value.",
				t.leading+bad.position)})
	}
	return warnings
}

// CredentialWarnings flags a client ID and secret that look like UKG Web
// Services (SOAP) credentials. The client ID is checked against
// WebServicesClientIDShapes and TenantShape, and the secret against
// MinClientSecretLength and the client ID. Both values are trimmed first.
// Messages never contain the secret.
func CredentialWarnings(clientID string, s secret.Secret) []Note {
	id := trimInput(clientID).value
	value := trimInput(s.Reveal()).value

	var warnings []Note
	if id != "" {
		warnings = append(warnings, clientIDWarnings(id)...)
	}
	if value != "" && len(value) < MinClientSecretLength {
		warnings = append(warnings, Note{Code: "looks_like_password",
			Message: fmt.Sprintf("The client secret is shorter than OAuth client secrets usually are "+
				"(%d characters or more), "+
				"so it may be a Web Services password. %s", MinClientSecretLength, oauthHelp)})
	}
	if id != "" && value == id {
		warnings = append(warnings, Note{Code: "secret_same_as_client_id",
			Message: "The client secret is the same as the client ID. Paste the client " +
				"secret that UKG sent you with the client ID."})
	}
	return warnings
}

func clientIDWarnings(id string) []Note {
	if TenantShape.MatchString(id) && strings.ToUpper(id) == id {
		return []Note{{Code: "looks_like_tenant",
			Message: "The client ID looks like a tenant name, such as " + ExampleTenant + ". " +
				"The tenant name goes in the tenant name field. " + oauthHelp}}
	}
	for _, shape := range WebServicesClientIDShapes {
		if shape.Pattern.MatchString(id) {
			return []Note{{Code: shape.Code,
				Message: "The client ID looks like " + shape.Looks + ". " + oauthHelp}}
		}
	}
	return nil
}

func isNotSpace(r rune) bool { return r != ' ' && r != '\u00A0' }

func isASCII(r rune) bool { return r <= unicode.MaxASCII }
