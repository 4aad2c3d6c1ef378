package cli

import (
	"context"
	"errors"
	"fmt"
	iofs "io/fs"
	"os"

	"github.com/ukglink/ukglink/backend/bundle"
)

func runInspect(_ context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "inspect", "[--json] FILE")
	asJSON := fs.Bool("json", false, "print the header information as JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError(errors.New("inspect needs one bundle FILE"), "usage: ukglink inspect [--json] FILE")
	}
	file, err := os.Open(fs.Arg(0))
	if errors.Is(err, iofs.ErrNotExist) {
		return usageError(fmt.Errorf("open the bundle: %w", err))
	}
	if err != nil {
		return failure(fmt.Errorf("open the bundle: %w", err))
	}
	defer file.Close()
	info, err := bundle.Inspect(file)
	var oerr *bundle.OpenError
	if errors.As(err, &oerr) {
		return usageError(err)
	}
	if err != nil {
		return failure(err)
	}
	if *asJSON {
		return writeJSON(e.Out, info)
	}
	fmt.Fprintf(e.Out, "Format:         %s\n", info.Format)
	fmt.Fprintf(e.Out, "Size:           %d bytes\n", info.Size)
	if info.PlaintextSize >= 0 {
		fmt.Fprintf(e.Out, "Sealed content: %d bytes\n", info.PlaintextSize)
	}
	if info.Armored {
		fmt.Fprintln(e.Out, "Armored:        yes (ASCII armor; ukglink writes binary bundles and opens only those)")
	}
	for _, r := range info.Recipients {
		switch {
		case r.Type == "scrypt":
			fmt.Fprintln(e.Out, "Sealed for:     a passphrase")
		case r.Fingerprint != "":
			fmt.Fprintf(e.Out, "Sealed for:     %s key with fingerprint %s\n", r.Type, r.Fingerprint)
		default:
			fmt.Fprintf(e.Out, "Sealed for:     %s key (fingerprint not recorded)\n", r.Type)
		}
	}
	for _, warning := range info.Warnings {
		fmt.Fprintf(e.Out, "Warning:        %s\n", warning)
	}
	return nil
}
