package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/ukglink/ukglink/backend/applog"
	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/snapshot"
)

// snapshotLogLines is how many recent log lines a snapshot carries.
const snapshotLogLines = 200

func runSnapshot(_ context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "snapshot", "--profile NAME -o FILE")
	name := fs.String("profile", "", "saved profile `NAME` whose last verification goes into the snapshot")
	output := fs.String("o", "", "write the snapshot to `FILE` (.json)")
	force := fs.Bool("force", false, "overwrite FILE if it exists")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *name == "" || *output == "" || fs.NArg() > 0 {
		return usageError(errors.New("snapshot needs --profile NAME and -o FILE"), "usage: ukglink snapshot --profile NAME -o FILE")
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
	lines, err := applog.RecentLines(snapshotLogLines)
	if err != nil {
		e.log.Warn("snapshot without log lines", "error", err)
	}
	snap, err := snapshot.New(draft, lines, time.Now())
	if err != nil {
		return failure(err)
	}
	if err := snapshot.Write(*output, snap); err != nil {
		return failure(fmt.Errorf("write the snapshot: %w", err))
	}
	e.log.Info("snapshot written", "profile", *name, "path", *output)
	fmt.Fprintf(e.Out, "Support snapshot written to %s (no client secret inside)\n", *output)
	if snap.Report == nil {
		fmt.Fprintln(e.Err, "note: the profile has no verification yet; run ukglink verify --profile "+*name+" first for a useful snapshot")
	}
	return nil
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
