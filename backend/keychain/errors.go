package keychain

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os/exec"
	"strings"

	"github.com/zalando/go-keyring"
)

// Sentinels for errors.Is. Every error from this package is an *Error whose
// Err is one of these, or the unclassified error from the OS keychain.
var (
	ErrNotFound    = errors.New("no secret saved in the keychain")
	ErrTimeout     = errors.New("the keychain did not respond in time")
	ErrUnavailable = errors.New("no keychain is available")
	ErrDenied      = errors.New("access to the keychain was denied")
	ErrLocked      = errors.New("the keychain is locked")
	ErrTooBig      = errors.New("secret too big for the keychain")
	ErrEmpty       = errors.New("secret is empty")
)

// Error is a failed keychain operation. Its text never contains the secret.
type Error struct {
	Op      string // "save", "load" or "delete"
	Profile string
	Err     error // a sentinel above, or the unclassified cause
	// Cause is the error from the OS keychain when Err is a sentinel.
	Cause error
	// Hint is the next step for the admin, naming the missing piece. It names
	// no option of a particular interface: HintWith adds the caller's own way
	// forward without the keychain.
	Hint string
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("keychain %s for profile %q: %v", e.Op, e.Profile, e.Err)
	if e.Cause != nil {
		msg += ": " + e.Cause.Error()
	}
	return msg
}

func (e *Error) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}

// Retryable reports whether trying the same operation again can succeed
// without changing the setup: a denied prompt, a locked keychain or a time-out.
func Retryable(err error) bool {
	return errors.Is(err, ErrDenied) || errors.Is(err, ErrLocked) || errors.Is(err, ErrTimeout)
}

// PromptNotice explains the macOS keychain prompt. Show it before the first
// keychain call on macOS so that the admin expects the prompt.
const PromptNotice = `macOS may now ask whether "security" may use your confidential ` +
	`information stored in "ukglink" in your keychain. ukglink reads and saves the ` +
	`client secret through the system tool "security". Enter your Mac login ` +
	`password and click Allow (or Always Allow, to skip this prompt next time).`

const (
	hintNotFound = "No client secret is saved in the keychain for this profile. " +
		"Enter the client secret again."
	hintNoSecretService = "No Secret Service is running in this desktop session " +
		"(nothing owns the D-Bus name org.freedesktop.secrets). Install and start " +
		"gnome-keyring (package gnome-keyring), or enable the Secret Service " +
		"bridge in KWallet, or enable Secret Service integration in KeePassXC, " +
		"then try again."
	hintNoSessionBus = "The D-Bus session bus could not be reached (DBUS_SESSION_BUS_ADDRESS " +
		"is unset and dbus-launch is not installed, or it names a socket that does " +
		"not answer), so the Secret Service " +
		"cannot be reached. Start ukglink from a desktop session that runs a " +
		"Secret Service such as gnome-keyring."
	hintLocked = "The keyring is locked and was not unlocked. Unlock it (for " +
		"gnome-keyring: open Passwords and Keys and unlock the Login keyring, or " +
		"answer the unlock prompt), then try again."
	hintDenied = "macOS did not allow ukglink to use the keychain: the prompt " +
		"was denied or could not be shown. Try again and, when macOS asks " +
		"whether \"security\" may use the item \"ukglink\", enter your Mac login " +
		"password and click Allow."
	hintUnsupported = "This operating system has no keychain that ukglink supports."
	hintTimeout     = "The keychain did not respond. It may be waiting for you to " +
		"unlock it or to answer a prompt: look for a keychain window, then try " +
		"again."
	hintEmpty   = "Enter the client secret before saving it."
	hintFailed  = "The keychain reported an error. Try again."
	hintCorrupt = "The saved entry cannot be decoded. Enter the client secret again to replace it."
)

// alternativeStyle is the form in which HintWith joins a way forward
// without the keychain to a hint.
type alternativeStyle int

const (
	// noAlternative leaves the hint alone, because doing without the keychain
	// does not help.
	noAlternative alternativeStyle = iota
	// alternativeSentence adds a sentence: "… then try again. Or choose X."
	alternativeSentence
	// alternativeClause ends the hint's last sentence: "… Try again, or choose X."
	alternativeClause
	// alternativeOnly adds the only way forward: "… no keychain. Choose X."
	alternativeOnly
)

// hintStyles are the hints that a way forward without the keychain completes.
var hintStyles = map[string]alternativeStyle{
	hintNoSecretService: alternativeSentence,
	hintNoSessionBus:    alternativeSentence,
	hintLocked:          alternativeSentence,
	hintDenied:          alternativeSentence,
	hintTimeout:         alternativeSentence,
	hintFailed:          alternativeClause,
	hintUnsupported:     alternativeOnly,
}

// HintWith returns Hint followed by alternative, a way forward that needs no
// keychain and that only the caller's interface can name, such as
// `choose "Don't save, ask me next time"`. alternative starts in lower case
// and has no final period. Hints that a way around the keychain does not
// help, such as a secret too big to store, are returned unchanged.
func (e *Error) HintWith(alternative string) string {
	if alternative == "" {
		return e.Hint
	}
	switch hintStyles[e.Hint] {
	case alternativeSentence:
		return e.Hint + " Or " + alternative + "."
	case alternativeClause:
		return strings.TrimSuffix(e.Hint, ".") + ", or " + alternative + "."
	case alternativeOnly:
		return e.Hint + " " + strings.ToUpper(alternative[:1]) + alternative[1:] + "."
	}
	return e.Hint
}

// Exit codes of the macOS "security" tool, which exits with the low byte of
// the OSStatus: errSecAuthFailed (-25293) gives 51, errSecInteractionNotAllowed
// (-25308) gives 36 and errSecUserCanceled (-128) gives 128. go-keyring v0.2.8
// returns only the *exec.ExitError for these, without the tool's message.
var macDeniedExitCodes = map[int]bool{51: true, 36: true, 128: true}

// Messages of the macOS "security" tool and of the Secret Service that
// classify an error when no exit code is available.
var (
	deniedMessages = []string{
		"The user name or passphrase you entered is not correct",
		"User interaction is not allowed",
		"errSecAuthFailed",
		"User canceled the operation",
	}
	noSecretServiceMessages = []string{
		"org.freedesktop.secrets was not provided by any .service files",
		"org.freedesktop.DBus.Error.ServiceUnknown",
	}
	noSessionBusMessages = []string{
		`"dbus-launch": executable file not found`,
		"executable file not found: dbus-launch",
		"couldn't determine address of session bus",
		"dbus: authentication failed",
	}
	lockedMessages = []string{
		"failed to unlock correct collection",
		"org.freedesktop.Secret.Error.IsLocked",
	}
)

// classify maps an error from go-keyring on goos to a sentinel and a hint.
// It returns the error itself and a generic hint when nothing matches.
func classify(goos string, err error) (sentinel error, hint string) {
	msg := err.Error()
	switch {
	case errors.Is(err, keyring.ErrNotFound):
		return ErrNotFound, hintNotFound
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return ErrTooBig, "The client secret is longer than this keychain stores."
	case errors.Is(err, keyring.ErrUnsupportedPlatform):
		return ErrUnavailable, hintUnsupported
	case errors.Is(err, context.DeadlineExceeded):
		return ErrTimeout, hintTimeout
	case errors.Is(err, context.Canceled):
		return context.Canceled, ""
	case containsAny(msg, noSecretServiceMessages):
		return ErrUnavailable, hintNoSecretService
	case containsAny(msg, noSessionBusMessages), goos == "linux" && busDialFailed(err):
		return ErrUnavailable, hintNoSessionBus
	case containsAny(msg, lockedMessages):
		return ErrLocked, hintLocked
	case containsAny(msg, deniedMessages), goos == "darwin" && macExitDenied(err):
		return ErrDenied, hintDenied
	}
	return err, hintFailed
}

// busDialFailed reports whether the D-Bus session bus could not be reached:
// DBUS_SESSION_BUS_ADDRESS names a socket that is missing or refuses.
func busDialFailed(err error) bool {
	var dial *net.OpError
	return errors.As(err, &dial) && dial.Op == "dial"
}

func macExitDenied(err error) bool {
	var exit *exec.ExitError
	return errors.As(err, &exit) && macDeniedExitCodes[exit.ExitCode()]
}

func containsAny(s string, parts []string) bool {
	for _, p := range parts {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// newError builds the *Error for a failed call. It drops any cause text that
// could contain the secret: the secret itself (for example echoed by a
// keychain daemon) and the hex decoding error of go-keyring on macOS, which
// quotes one byte of the stored value.
func newError(goos, op, profile string, err error, s string) *Error {
	var badHex hex.InvalidByteError
	if errors.As(err, &badHex) {
		return &Error{Op: op, Profile: profile, Err: errors.New("the saved entry has invalid hex encoding"), Hint: hintCorrupt}
	}

	sentinel, hint := classify(goos, err)
	e := &Error{Op: op, Profile: profile, Err: sentinel, Hint: hint}
	if sentinel != err {
		e.Cause = err
	}
	if s != "" && strings.Contains(err.Error(), s) {
		scrubbed := errors.New(strings.ReplaceAll(err.Error(), s, "[redacted]"))
		if e.Cause != nil {
			e.Cause = scrubbed
		} else {
			e.Err = scrubbed
		}
	}
	return e
}
