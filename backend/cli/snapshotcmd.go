package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ukglink/ukglink/backend/keychain"
	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/secret"
	"github.com/ukglink/ukglink/backend/snapshot"
)

const snapshotUsage = "--profile NAME [--client-secret-file FILE] -o FILE"

func runSnapshot(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "snapshot", snapshotUsage)
	name := fs.String("profile", "", "saved profile `NAME` whose last verification goes into the snapshot")
	output := fs.String("o", "", "write the snapshot to `FILE` (.json)")
	force := fs.Bool("force", false, "overwrite FILE if it exists")
	secretFile := fs.String("client-secret-file", "", "also remove the client secret in `FILE` (\"-\" for standard input) wherever it appears; "+
		"the one in the keychain is removed without this")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *name == "" || *output == "" || fs.NArg() > 0 {
		return usageError(errors.New("snapshot needs --profile NAME and -o FILE"), "usage: ukglink snapshot "+snapshotUsage)
	}
	if err := checkOutputPath(*output, *force); err != nil {
		return err
	}
	store, err := profile.OpenStore()
	if err != nil {
		return failure(err)
	}
	draft, err := store.Load(*name)
	if err != nil {
		return usageError(err, "list the saved profiles: ukglink profiles list")
	}
	scrub, err := knownSecrets(ctx, e, draft, *secretFile)
	if err != nil {
		return err
	}

	lines, err := snapshot.RecentLogLines(draft.Profile)
	if err != nil {
		e.log.Warn("snapshot log lines incomplete", "error", err)
	}
	snap, err := snapshot.New(draft, lines, time.Now())
	if err != nil {
		return failure(err)
	}
	if err := snapshot.Write(*output, snap, scrub...); err != nil {
		return writeFailure("snapshot", *output, err)
	}
	e.log.Info("snapshot written", "profile", *name, "path", *output, "log_lines", len(lines), "scrubbed_secrets", len(scrub))
	fmt.Fprintf(e.Out, "Support snapshot written to %s (no client secret inside)\n", *output)
	if snap.Report == nil {
		fmt.Fprintln(e.Err, "note: the profile has no verification yet; run ukglink verify --profile "+*name+" first for a useful snapshot")
	}
	return nil
}

// knownSecrets returns the client secrets that Write removes from the
// snapshot as a second guard behind the log's own redaction: the one in
// the keychain and the one in secretFile. A keychain that cannot be read is
// noted and skipped, because the snapshot is most needed when something is
// broken.
func knownSecrets(ctx context.Context, e *env, draft profile.Draft, secretFile string) ([]secret.Secret, error) {
	var scrub []secret.Secret
	if secretFile != "" {
		flags := &profileFlags{secretFile: secretFile}
		quiet := &env{Streams: Streams{In: e.In, Err: io.Discard}, log: e.log, getenv: e.getenv}
		s, _, err := flags.givenSecret(quiet, "")
		if err != nil {
			return nil, err
		}
		scrub = append(scrub, s)
	}
	if draft.SecretStored {
		s, err := keychain.New().Load(ctx, draft.Profile.Name)
		if err != nil {
			e.log.Warn("snapshot not checked against the keychain secret", "profile", draft.Profile.Name, "error", err)
			fmt.Fprintln(e.Err, "note: the client secret could not be read from the keychain, so the snapshot "+
				"relies on the log's redaction; add --client-secret-file FILE to check it against the secret too")
		} else {
			scrub = append(scrub, s)
		}
	}
	return scrub, nil
}

// loadReplay reads a snapshot or report file for simulate --replay.
func loadReplay(path string) (snapshot.Snapshot, error) {
	file, err := os.Open(path)
	if err != nil {
		return snapshot.Snapshot{}, usageError(fmt.Errorf("open the snapshot: %w", err))
	}
	defer file.Close()
	snap, err := snapshot.Read(file)
	if err != nil {
		return snapshot.Snapshot{}, usageError(err)
	}
	return snap, nil
}
