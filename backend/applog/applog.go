// Package applog writes the app's log as JSON lines to
// xdg.StateHome/ukglink/ukglink.log, through a handler that redacts secrets.
//
// The log is capped at MaxSize bytes with one rotation: when a record would
// pass the cap, ukglink.log becomes ukglink.log.1, replacing any older
// ukglink.log.1, and a new ukglink.log starts.
package applog

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/adrg/xdg"
)

// MaxSize is the size in bytes at which the log file is rotated.
const MaxSize = 1 << 20

const (
	dirMode  = 0o700
	fileMode = 0o600
)

// Path returns the log file under the XDG state folder.
func Path() string {
	return filepath.Join(xdg.StateHome, "ukglink", "ukglink.log")
}

// Open creates the log folder if needed and returns a logger that appends
// redacted JSON lines to Path at level Info and above. Close the returned
// io.Closer when the app stops.
func Open() (*slog.Logger, io.Closer, error) {
	return open(Path(), MaxSize)
}

func open(path string, maxSize int64) (*slog.Logger, io.Closer, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, dirMode); err != nil {
		return nil, nil, fmt.Errorf("create log folder %s: %w", dir, err)
	}
	if err := os.Chmod(dir, dirMode); err != nil {
		return nil, nil, fmt.Errorf("set mode of log folder %s: %w", dir, err)
	}

	w, err := openRotating(path, maxSize)
	if err != nil {
		return nil, nil, err
	}
	h := slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo})
	return slog.New(NewRedactingHandler(h)), w, nil
}

// RecentLines returns up to the last n lines of the log, oldest first,
// reading ukglink.log.1 and then ukglink.log. Missing files count as empty.
func RecentLines(n int) ([]string, error) {
	return recentLines(Path(), n)
}

func recentLines(path string, n int) ([]string, error) {
	lines := []string{}
	if n <= 0 {
		return lines, nil
	}
	for _, p := range []string{path + ".1", path} {
		data, err := os.ReadFile(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read log %s: %w", p, err)
		}
		lines = append(lines, splitLines(data)...)
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return lines, nil
}

func splitLines(data []byte) []string {
	var lines []string
	s := bufio.NewScanner(bytes.NewReader(data))
	s.Buffer(make([]byte, 0, 64<<10), MaxSize+1)
	for s.Scan() {
		lines = append(lines, s.Text())
	}
	return lines
}
