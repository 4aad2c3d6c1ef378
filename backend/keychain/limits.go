package keychain

import "fmt"

// Secret size limits of go-keyring v0.2.8, by GOOS.
const (
	// windowsMaxSecret is the Credential Manager limit on a credential blob.
	windowsMaxSecret = 2560
	// macMaxCommand is the longest command go-keyring sends to "security -i".
	macMaxCommand = 4096
	// otherMaxSecret bounds the Secret Service and other backends, which
	// have no fixed limit but slow down on values over about 100 KiB.
	otherMaxSecret = 64 << 10
)

// maxSecretBytes returns the longest secret, in bytes, that the keychain of
// goos stores for user.
//
// On macOS go-keyring sends "add-generic-password -U -s <service> -a <user>
// -w go-keyring-base64:<base64 of the secret>" plus a newline, and rejects
// commands over 4096 bytes. Service and profile names and base64 need no shell
// quoting, so for a 64-byte profile name the limit is 2976 bytes.
func maxSecretBytes(goos, user string) int {
	switch goos {
	case "windows":
		return windowsMaxSecret
	case "darwin":
		overhead := len("add-generic-password -U -s "+Service+" -a ") +
			len(user) + len(" -w go-keyring-base64:") + len("\n")
		return (macMaxCommand - overhead) / 4 * 3
	}
	return otherMaxSecret
}

func platformName(goos string) string {
	switch goos {
	case "windows":
		return "Windows Credential Manager"
	case "darwin":
		return "macOS keychain"
	}
	return "Secret Service keyring"
}

// checkSize rejects a secret of n bytes that the keychain of goos cannot store.
func checkSize(goos, user string, n int) error {
	max := maxSecretBytes(goos, user)
	if n <= max {
		return nil
	}
	return &Error{
		Op:      "save",
		Profile: user,
		Err:     ErrTooBig,
		Cause:   fmt.Errorf("the secret is %d bytes, the %s stores at most %d", n, platformName(goos), max),
		Hint: fmt.Sprintf("The client secret is %d bytes long, but the %s stores at most %d bytes. "+
			"Check that only the client secret was pasted.", n, platformName(goos), max),
	}
}
