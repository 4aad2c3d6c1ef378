package profile

import "fmt"

// MaxNameLength is the maximum length of a profile name in bytes.
const MaxNameLength = 64

// ValidateName checks a profile name. A name is 1 to 64 letters (a-z, A-Z),
// digits, dashes, underscores and dots, and does not start with a dot. The
// name becomes a file name and the keychain user name, so nothing else is
// allowed.
func ValidateName(name string) error {
	if name == "" {
		return fmt.Errorf("invalid profile name %q: the name is empty, use 1 to %d letters, digits, '-', '_' or '.'", name, MaxNameLength)
	}
	if len(name) > MaxNameLength {
		return fmt.Errorf("invalid profile name %q: the name is %d characters long, the maximum is %d", name, len(name), MaxNameLength)
	}
	if name[0] == '.' {
		return fmt.Errorf("invalid profile name %q: the name must not start with '.'", name)
	}
	for i, r := range name {
		if !isNameChar(r) {
			return fmt.Errorf("invalid profile name %q: character %q at position %d is not allowed, use only letters, digits, '-', '_' or '.'", name, r, i+1)
		}
	}
	return nil
}

func isNameChar(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	return r == '-' || r == '_' || r == '.'
}
