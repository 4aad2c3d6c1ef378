package bundle

import (
	"errors"
	"io"

	"filippo.io/age"
)

// Sentinels for errors.Is. Each message is a sentence for the user that says
// what to do next.
var (
	ErrWrongKey = errors.New("this bundle was not sealed for this key, " +
		"so open it with the key it was sealed for or ask the sender to seal it again for your key")
	ErrTruncated = errors.New("this file is incomplete, " +
		"so copy or download the whole bundle again")
	ErrTampered = errors.New("this file was changed after it was sealed, " +
		"so ask the sender for a new copy of the bundle")
	ErrUnknownFormat = errors.New("this bundle was made by a newer version of UKG Link Assistant, " +
		"so update the app to open it")
	ErrExpired = errors.New("this bundle has expired, " +
		"so ask the sender to export a new one")
	ErrNotBundle = errors.New("this file is not a bundle exported by UKG Link Assistant, " +
		"so choose the .age file that the app exported")
)

// OpenError is the error Open returns for a file it rejects.
type OpenError struct {
	// Kind is one of the Err* sentinels of this package.
	Kind error
	// Detail is the technical cause for a "Show details" view. It never
	// contains plaintext from the bundle.
	Detail string

	cause error
}

// Error returns the message of Kind alone, so that users see one sentence.
func (e *OpenError) Error() string {
	return e.Kind.Error()
}

// Unwrap returns Kind and the underlying age error, if any, so that
// errors.As finds an *age.NoIdentityMatchError for a wrong key.
func (e *OpenError) Unwrap() []error {
	if e.cause == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.cause}
}

func openError(kind error, detail string, cause error) *OpenError {
	return &OpenError{Kind: kind, Detail: detail, cause: cause}
}

// classifyHeaderError maps an error of age.Decrypt, which reads the header and
// the payload nonce, to an *OpenError.
func classifyHeaderError(err error) *OpenError {
	var noMatch *age.NoIdentityMatchError
	switch {
	case errors.As(err, &noMatch):
		return openError(ErrWrongKey, err.Error(), err)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return openError(ErrTruncated, err.Error(), err)
	default:
		return openError(ErrTampered, err.Error(), err)
	}
}

// classifyPayloadError maps an error from reading the decrypted payload to an
// *OpenError. A payload that fails authentication is truncated when the file
// is shorter than the size its authenticated header declares.
func classifyPayloadError(err error, file []byte) *OpenError {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return openError(ErrTruncated, err.Error(), err)
	}

	short, known := payloadIsShort(file)
	if known && short {
		return openError(ErrTruncated, "the payload is shorter than its header declares", err)
	}
	return openError(ErrTampered, err.Error(), err)
}
