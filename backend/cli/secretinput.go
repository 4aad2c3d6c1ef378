package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/ukglink/ukglink/backend/keychain"
	"github.com/ukglink/ukglink/backend/secret"
	"github.com/ukglink/ukglink/backend/ukg"
)

// maxSecretInput bounds what "check client-secret -" and the secret readers
// accept from standard input or a file.
const maxSecretInput = 64 << 10

const (
	stdinSource      = "standard input"
	secretFileSource = "the file named by --client-secret-file"
)

// resolveSecret reads the client secret given on the command line, else
// the keychain entry of the saved profile. A given secret is used without
// touching the keychain, which may be missing.
func (f *profileFlags) resolveSecret(ctx context.Context, e *env, clientID string) (secret.Secret, error) {
	s, given, err := f.givenSecret(e, clientID)
	if err != nil || given {
		return s, err
	}
	if f.name == "" {
		return secret.Secret{}, usageError(errors.New("no client secret given"),
			"use --client-secret-file FILE, pipe it to standard input, or save it with: ukglink profiles save NAME")
	}
	return f.keychainSecret(ctx)
}

// givenSecret reads the client secret from --client-secret-file, else from
// standard input when that is not a terminal. given is false when neither
// has one: no flag, and standard input a terminal or empty.
//
// NOTE: a standard input that is a pipe that is never closed makes this wait
// forever. Such callers redirect from /dev/null, a character device that
// counts as a terminal here.
func (f *profileFlags) givenSecret(e *env, clientID string) (s secret.Secret, given bool, err error) {
	var text, source string
	switch {
	case f.secretFile == "-" || f.secretFile == "" && stdinIsPiped(e):
		source = stdinSource
		text, err = readLimited(e.In, source)
		if err == nil && f.secretFile == "" && strings.TrimSpace(text) == "" {
			return secret.Secret{}, false, nil
		}
	case f.secretFile != "":
		source = secretFileSource
		text, err = readSecretFile(f.secretFile)
	default:
		return secret.Secret{}, false, nil
	}
	if err != nil {
		return secret.Secret{}, false, err
	}
	s, err = parseSecret(e, text, source, clientID)
	return s, err == nil, err
}

// keychainSecret loads the saved profile's client secret from the keychain.
func (f *profileFlags) keychainSecret(ctx context.Context) (secret.Secret, error) {
	if !f.secretStored {
		return secret.Secret{}, usageError(fmt.Errorf("profile %s has no client secret saved in the keychain", f.name),
			"pass it with --client-secret-file FILE, or pipe it to standard input",
			"or save it: ukglink profiles save "+f.name+" --client-secret-file FILE")
	}
	s, err := keychain.New().Load(ctx, f.name)
	if errors.Is(err, keychain.ErrNotFound) {
		return secret.Secret{}, keychainError(err, "pass it with --client-secret-file FILE, "+
			"or save it again: ukglink profiles save "+f.name+" --client-secret-file FILE")
	}
	if err != nil {
		return secret.Secret{}, keychainError(err)
	}
	return s, nil
}

// readSecretFile reads the file named by --client-secret-file. Its errors
// never contain the path, because a secret pasted where the file name
// belongs would otherwise reach the output and the log.
func readSecretFile(path string) (string, error) {
	file, err := os.Open(path)
	if err != nil {
		return "", usageError(namedFileError("--client-secret-file", err),
			"give the path of a file that contains only the client secret, or - for standard input")
	}
	defer file.Close()
	return readLimited(file, secretFileSource)
}

// namedFileError describes a failure to open or read the file named by
// flag without the file's path.
func namedFileError(flag string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("the file named by %s does not exist", flag)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("the file named by %s cannot be read: permission denied", flag)
	}
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return fmt.Errorf("the file named by %s cannot be read: %w", flag, pathErr.Err)
	}
	return fmt.Errorf("the file named by %s cannot be read", flag)
}

// readLimited reads a client secret of at most maxSecretInput bytes from
// source, which names standard input or a flag, never a path. It drops one
// line break at the end, which echo and text editors add, so that only
// other surrounding whitespace gets a note from the parser.
func readLimited(r io.Reader, source string) (string, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSecretInput+1))
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		err = pathErr.Err
	}
	if err != nil {
		return "", failure(fmt.Errorf("read the client secret from %s: %w", source, err))
	}
	if len(data) > maxSecretInput {
		return "", usageError(fmt.Errorf("the client secret in %s is longer than %d bytes", source, maxSecretInput),
			"check that the file holds only the client secret")
	}
	text := string(data)
	if trimmed, found := strings.CutSuffix(text, "\r\n"); found {
		return trimmed, nil
	}
	return strings.TrimSuffix(text, "\n"), nil
}

func parseSecret(e *env, raw, source, clientID string) (secret.Secret, error) {
	parsed, err := ukg.ParseClientSecret(raw)
	if err != nil {
		return secret.Secret{}, usageError(fmt.Errorf("client secret from %s: %w", source, err))
	}
	printNotes(e.Err, parsed.Notes, parsed.Warnings)
	printNotes(e.Err, nil, ukg.CredentialWarnings(clientID, parsed.Secret))
	return parsed.Secret, nil
}

// stdinIsPiped reports whether standard input is a pipe or file rather than
// a terminal, so reading it does not wait for typing.
func stdinIsPiped(e *env) bool {
	file, ok := e.In.(*os.File)
	if !ok {
		return e.In != nil
	}
	info, err := file.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice == 0
}
