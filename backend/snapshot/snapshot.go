// Package snapshot writes and reads support snapshots: one JSON file with a
// profile minus its client secret, the last verification report with the
// HTTP status and timing of every call, the app version, the OS and recent
// log lines. Support attaches it to a ticket and replays it with the UKG
// simulator to see the customer's screens.
//
// Format: a JSON object with "kind": "ukglink-support-snapshot" and
// "format_version": 1. Readers accept every version up to FormatVersion and
// ignore fields they do not know. Read also accepts a bare verification
// report, as printed by "ukglink verify --json".
package snapshot

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"runtime"
	"time"

	"github.com/ukglink/ukglink/backend/atomicfile"
	"github.com/ukglink/ukglink/backend/buildinfo"
	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/secret"
	"github.com/ukglink/ukglink/backend/verify"
)

// Kind marks a snapshot file.
const Kind = "ukglink-support-snapshot"

// FormatVersion is the version this package writes.
const FormatVersion = 1

// MaxSize bounds what Read accepts.
const MaxSize = 4 << 20

// Snapshot is the content of a support snapshot.
type Snapshot struct {
	Kind          string          `json:"kind"`
	FormatVersion int             `json:"format_version"`
	CreatedAt     time.Time       `json:"created_at"`
	App           buildinfo.Info  `json:"app"`
	OS            string          `json:"os"`
	Profile       profile.Profile `json:"profile"`
	Step          string          `json:"step,omitempty"`
	SecretStored  bool            `json:"secret_stored"`
	Report        *verify.Report  `json:"report"`
	LogLines      []string        `json:"log_lines"`
}

var (
	// ErrNotSnapshot is returned for a file that is neither a snapshot nor a report.
	ErrNotSnapshot = errors.New("this file is neither a support snapshot nor a verification report")
	// ErrNewerFormat is returned for a snapshot written by a newer app.
	ErrNewerFormat = errors.New("this snapshot was written by a newer version of UKG Link Assistant, so update the app to read it")
)

// New builds a snapshot of draft and its last report. The log lines are
// redacted by the log handler already; Marshal and Write scrub the secret
// once more as a second guard.
func New(draft profile.Draft, logLines []string, now time.Time) (Snapshot, error) {
	s := Snapshot{
		Kind:          Kind,
		FormatVersion: FormatVersion,
		CreatedAt:     now.UTC().Truncate(time.Second),
		App:           buildinfo.Read(),
		OS:            runtime.GOOS + "/" + runtime.GOARCH,
		Profile:       draft.Profile,
		Step:          draft.Step,
		SecretStored:  draft.SecretStored,
		LogLines:      logLines,
	}
	if s.LogLines == nil {
		s.LogLines = []string{}
	}
	if len(draft.LastReport) > 0 {
		var report verify.Report
		if err := json.Unmarshal(draft.LastReport, &report); err != nil {
			return s, fmt.Errorf("read the last verification report of profile %s: %w", draft.Profile.Name, err)
		}
		s.Report = &report
	}
	return s, nil
}

// Marshal encodes s, replacing every form of a scrub value that could
// appear in it with the redacted mark: plain, JSON-escaped, URL-encoded and
// base64. Log lines are scrubbed before encoding, because encoding escapes a
// form inside them again.
func Marshal(s Snapshot, scrub ...secret.Secret) ([]byte, error) {
	if len(scrub) > 0 {
		lines := make([]string, len(s.LogLines))
		for i, line := range s.LogLines {
			lines[i] = string(scrubValues([]byte(line), scrub))
		}
		s.LogLines = lines
	}
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(scrubValues(data, scrub), '\n'), nil
}

func scrubValues(data []byte, scrub []secret.Secret) []byte {
	for _, value := range scrub {
		if value.Reveal() == "" {
			continue
		}
		for _, form := range encodedForms(value.Reveal()) {
			data = bytes.ReplaceAll(data, []byte(form), []byte(secret.Redacted))
		}
	}
	return data
}

// encodedForms returns the forms in which value can appear in a snapshot,
// escaped forms first, so that replacing the plain value does not break
// them up. log/slog escapes JSON strings without escaping "<", ">" and "&",
// and encoding/json escapes those too.
func encodedForms(value string) []string {
	forms := []string{
		jsonEscape(value, true),
		jsonEscape(value, false),
		value,
		url.QueryEscape(value),
		url.PathEscape(value),
	}
	for _, encoding := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		forms = append(forms, encoding.EncodeToString([]byte(value)))
	}
	return forms
}

// jsonEscape returns value as it appears between the quotes of a JSON string.
func jsonEscape(value string, escapeHTML bool) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	_ = enc.Encode(value) // a string always encodes
	quoted := bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	return string(quoted[1 : len(quoted)-1])
}

// Write writes s to path atomically with mode 0600.
func Write(path string, s Snapshot, scrub ...secret.Secret) error {
	data, err := Marshal(s, scrub...)
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data, 0o600)
}

// Read reads a snapshot, or a bare verification report which it wraps in a
// snapshot without profile.
func Read(r io.Reader) (Snapshot, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return Snapshot{}, fmt.Errorf("read snapshot: %w", err)
	}
	if len(data) > MaxSize {
		return Snapshot{}, fmt.Errorf("%w: it is larger than %d bytes", ErrNotSnapshot, MaxSize)
	}
	var probe struct {
		Kind          string          `json:"kind"`
		FormatVersion int             `json:"format_version"`
		Status        string          `json:"status"`
		Checks        json.RawMessage `json:"checks"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return Snapshot{}, fmt.Errorf("%w: %v", ErrNotSnapshot, err)
	}
	switch {
	case probe.Kind == Kind:
		return readSnapshot(data, probe.FormatVersion)
	case probe.Kind == "" && probe.Status != "" && len(probe.Checks) > 0:
		var report verify.Report
		if err := json.Unmarshal(data, &report); err != nil {
			return Snapshot{}, fmt.Errorf("%w: %v", ErrNotSnapshot, err)
		}
		return Snapshot{Kind: Kind, FormatVersion: FormatVersion, Report: &report, LogLines: []string{}}, nil
	}
	return Snapshot{}, ErrNotSnapshot
}

func readSnapshot(data []byte, version int) (Snapshot, error) {
	if version < 1 {
		return Snapshot{}, fmt.Errorf("%w: format_version %d", ErrNotSnapshot, version)
	}
	if version > FormatVersion {
		return Snapshot{}, fmt.Errorf("%w (format_version %d)", ErrNewerFormat, version)
	}
	var s Snapshot
	if err := json.Unmarshal(data, &s); err != nil {
		return Snapshot{}, fmt.Errorf("%w: %v", ErrNotSnapshot, err)
	}
	if s.LogLines == nil {
		s.LogLines = []string{}
	}
	return s, nil
}
