// Package cli is the command-line interface of ukglink. The same binary opens
// the desktop wizard when it is started with no arguments.
package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/ukglink/ukglink/backend/applog"
	"github.com/ukglink/ukglink/backend/buildinfo"
)

// Exit codes of every command.
const (
	ExitOK      = 0
	ExitFailed  = 1 // verification failed
	ExitUsage   = 2 // invalid input or usage
	ExitFailure = 3 // any other failure
)

// Streams are the standard streams a command uses.
type Streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// commands lists every command in the order "ukglink help" prints them.
var commands []command

func init() {
	commands = []command{
		{"check", "check one pasted value and print its normalized form", runCheck},
		{"verify", "verify a linked account against UKG (or the simulator)", runVerify},
		{"seal", "verify, then write a sealed bundle for the recruiting product", runSeal},
		{"seal-batch", "seal one bundle per row of a CSV of profiles", runSealBatch},
		{"open", "open a sealed bundle with an age identity or passphrase", runOpen},
		{"inspect", "show what a bundle reveals without a key", runInspect},
		{"import", "recreate a customer's profile from a bundle (secret into the keychain)", runImport},
		{"snapshot", "write a support snapshot of a profile (no secret)", runSnapshot},
		{"simulate", "run the built-in UKG simulator on a loopback address", runSimulate},
		{"profiles", "list, show, save or delete saved profiles", runProfiles},
		{"version", "print the version and commit", runVersion},
		{"help", "print this help", runHelp},
	}
}

// IsCommand reports whether args start with a command-line command, as
// opposed to no arguments or "demo", which open the desktop window.
func IsCommand(args []string) bool {
	if len(args) == 0 {
		return false
	}
	switch args[0] {
	case "--version", "-version", "-h", "-help", "--help":
		return true
	}
	return lookupCommand(args[0]) != nil
}

func lookupCommand(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

// env is the context of one command invocation: streams, logger and environment.
type env struct {
	Streams
	log    *slog.Logger
	getenv func(string) string
}

// Main runs the command in args and returns the process exit code.
func Main(ctx context.Context, args []string, streams Streams) int {
	switch args[0] {
	case "--version", "-version":
		args = []string{"version"}
	case "-h", "-help", "--help":
		args = []string{"help"}
	}
	cmd := lookupCommand(args[0])
	if cmd == nil {
		fmt.Fprintf(streams.Err, "ukglink: unknown command %q\nhint: run \"ukglink help\" for the commands\n", args[0])
		return ExitUsage
	}

	logger, closer, err := applog.Open()
	if err != nil {
		fmt.Fprintf(streams.Err, "ukglink: warning: logging is off: %v\n", err)
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	} else {
		defer closer.Close()
	}
	e := &env{Streams: streams, log: logger.With("command", cmd.name, "run_id", newRunID()), getenv: os.Getenv}
	e.log.Info("command started", "version", buildinfo.Version)

	err = cmd.run(ctx, e, args[1:])
	code := exitCode(err)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		printError(streams.Err, err)
		e.log.Info("command ended", "exit_code", code, "error", err.Error())
	} else {
		e.log.Info("command ended", "exit_code", code)
	}
	return code
}

// newRunID returns 8 random hex digits that tie together the log lines of
// one command, so that a support snapshot can take the lines of its profile.
func newRunID() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b) // crypto/rand.Read does not return errors since Go 1.24
	return hex.EncodeToString(b)
}

// exitError carries an exit code and hint lines for the admin.
type exitError struct {
	code  int
	err   error
	hints []string
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageError(err error, hints ...string) error {
	return &exitError{code: ExitUsage, err: err, hints: hints}
}

func failure(err error, hints ...string) error {
	return &exitError{code: ExitFailure, err: err, hints: hints}
}

// errVerificationFailed ends a command whose report was already printed.
var errVerificationFailed = &exitError{code: ExitFailed, err: errors.New("verification failed")}

func exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	var exit *exitError
	if errors.As(err, &exit) {
		return exit.code
	}
	return ExitFailure
}

func printError(w io.Writer, err error) {
	if err == errVerificationFailed {
		return
	}
	fmt.Fprintf(w, "ukglink: %v\n", err)
	var exit *exitError
	if errors.As(err, &exit) {
		for _, hint := range exit.hints {
			fmt.Fprintf(w, "hint: %s\n", hint)
		}
	}
}

// newFlagSet returns a flag set whose errors become usage errors.
func newFlagSet(e *env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.Err)
	fs.Usage = func() {
		fmt.Fprintf(e.Err, "usage: ukglink %s %s\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// appendHelp adds text after the flag list in the help of fs.
func appendHelp(e *env, fs *flag.FlagSet, text string) {
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		fmt.Fprint(e.Err, text)
	}
}

// parseFlags parses args, allowing flags after positional arguments (as in
// "ukglink check account-type --list"). The positional arguments are then
// available from fs.Args through a final parse of their own. -h prints the
// help of fs, and an invalid flag one error line with a hint, not the help.
func parseFlags(fs *flag.FlagSet, args []string) error {
	usage, output := fs.Usage, fs.Output()
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	defer func() {
		fs.Usage = usage
		fs.SetOutput(output)
	}()

	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(output)
				usage()
				return err
			}
			return usageError(err, fmt.Sprintf("run \"ukglink %s -h\" for its flags", fs.Name()))
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	// "--" ends the flags, so fs.Args returns positional whatever it holds.
	return fs.Parse(append([]string{"--"}, positional...))
}

func runVersion(_ context.Context, e *env, args []string) error {
	fmt.Fprintln(e.Out, buildinfo.Read().String())
	return nil
}

func runHelp(_ context.Context, e *env, args []string) error {
	var b strings.Builder
	b.WriteString("UKG Link Assistant links a UKG Pro Recruiting account to a recruiting product.\n\n")
	b.WriteString("usage:\n  ukglink              open the desktop wizard\n")
	b.WriteString("  ukglink demo         open the wizard against the built-in UKG simulator\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  ukglink %-12s %s\n", c.name, c.summary)
	}
	b.WriteString("\nRun \"ukglink COMMAND -h\" for the flags of one command.\n")
	b.WriteString("Exit codes: 0 success, 1 verification failed, 2 invalid input or usage, 3 any other failure.\n")
	fmt.Fprint(e.Out, b.String())
	return nil
}
