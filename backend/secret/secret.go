// Package secret provides a string type for the UKG client secret that
// redacts itself everywhere it could be printed, logged or marshalled.
//
// The value leaves a Secret only through Reveal, which callers use for the
// keychain, the sealed bundle and the token request body.
package secret

import (
	"fmt"
	"log/slog"
)

// Redacted is what every printing or marshalling path shows in place of the value.
const Redacted = "[redacted]"

// Secret holds a client secret. The zero value is an empty secret.
type Secret struct {
	value string
}

// New wraps value. It does not trim or validate: see ukg.ParseClientSecret.
func New(value string) Secret {
	return Secret{value: value}
}

// Reveal returns the plain value.
func (s Secret) Reveal() string {
	return s.value
}

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool {
	return s.value == ""
}

// Len returns the length of the value in bytes.
func (s Secret) Len() int {
	return len(s.value)
}

// Equal reports whether two secrets hold the same value.
func (s Secret) Equal(other Secret) bool {
	return s.value == other.value
}

func (s Secret) String() string {
	return Redacted
}

func (s Secret) GoString() string {
	return "secret.Secret{" + Redacted + "}"
}

// Format makes every fmt verb, %x and %q included, print the redacted form.
func (s Secret) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, s.GoString())
		return
	}
	fmt.Fprint(f, Redacted)
}

func (s Secret) LogValue() slog.Value {
	return slog.StringValue(Redacted)
}

func (s Secret) MarshalJSON() ([]byte, error) {
	return []byte(`"` + Redacted + `"`), nil
}

func (s Secret) MarshalText() ([]byte, error) {
	return []byte(Redacted), nil
}
