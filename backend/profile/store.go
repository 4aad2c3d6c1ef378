package profile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/adrg/xdg"

	"github.com/ukglink/ukglink/backend/atomicfile"
)

// SchemaVersion is the version of the draft file format that this build
// writes. Load rejects files with a higher version.
const SchemaVersion = 1

const (
	fileExt  = ".json"
	dirMode  = 0o700
	fileMode = 0o600
)

// ErrNotFound is returned by Load and Delete for a profile with no file.
var ErrNotFound = errors.New("profile not found")

// ErrNewerSchema is returned by Load for a file written by a newer version
// of the app.
var ErrNewerSchema = errors.New("profile file was written by a newer version of ukglink")

// Draft is one profile as saved between runs: the non-secret values, the
// wizard's progress and the last verification report.
type Draft struct {
	SchemaVersion int     `json:"schema_version"`
	Profile       Profile `json:"profile"`
	// Step is the id of the wizard step the admin reached.
	Step string `json:"step"`
	// SecretStored records that the client secret is in the OS keychain.
	SecretStored bool `json:"secret_stored"`
	// AskEachTime records the choice "don't save, ask me next time".
	AskEachTime bool `json:"ask_each_time"`
	// SkipVerify records the choice "continue without verifying", and
	// SkipReason the reason the admin gave for it. Files written before
	// these fields existed load with both empty.
	SkipVerify bool   `json:"skip_verify,omitempty"`
	SkipReason string `json:"skip_reason,omitempty"`
	// LastReport is the JSON of the last verify.Report.
	LastReport json.RawMessage `json:"last_report,omitempty"`
	UpdatedAt  time.Time       `json:"updated_at"`
}

// Store keeps one JSON file per profile, named <profile name>.json, in Dir.
type Store struct {
	Dir string
}

// timeNow is the clock for Draft.UpdatedAt. Tests replace it.
var timeNow = time.Now

// DefaultDir returns the profiles folder under the XDG config folder.
func DefaultDir() string {
	return filepath.Join(xdg.ConfigHome, "ukglink", "profiles")
}

// OpenStore creates the profiles folder under the XDG config folder if needed
// and returns a Store for it.
func OpenStore() (*Store, error) {
	s := &Store{Dir: DefaultDir()}
	if err := s.ensureDir(); err != nil {
		return nil, err
	}
	s.removeStaleTemps()
	return s, nil
}

// staleTempAge is how old a temporary file must be before OpenStore removes
// it. A save in progress in another process finishes well within it.
const staleTempAge = 10 * time.Minute

// removeStaleTemps deletes temporary files that a save killed half-way
// left behind. The profile files themselves are never partial, because a
// save only renames a complete temporary file over them.
func (s *Store) removeStaleTemps() {
	temps, err := filepath.Glob(filepath.Join(s.Dir, ".*"+fileExt+".tmp-*"))
	if err != nil {
		return
	}
	for _, path := range temps {
		if info, err := os.Stat(path); err == nil && timeNow().Sub(info.ModTime()) > staleTempAge {
			os.Remove(path)
		}
	}
}

// ensureDir creates Dir and its ukglink parent with mode 0700. An existing
// Dir is tightened to 0700 too, since it was created by this app.
func (s *Store) ensureDir() error {
	if err := os.MkdirAll(s.Dir, dirMode); err != nil {
		return fmt.Errorf("create profiles folder %s: %w", s.Dir, err)
	}
	if err := os.Chmod(s.Dir, dirMode); err != nil {
		return fmt.Errorf("set mode of profiles folder %s: %w", s.Dir, err)
	}
	return nil
}

// Path returns the file of the named profile.
func (s *Store) Path(name string) string {
	return filepath.Join(s.Dir, name+fileExt)
}

// Save writes d atomically to the file named after d.Profile.Name. It sets
// the schema version and UpdatedAt.
func (s *Store) Save(d Draft) error {
	name := d.Profile.Name
	if err := ValidateName(name); err != nil {
		return fmt.Errorf("save profile: %w", err)
	}
	if err := s.ensureDir(); err != nil {
		return err
	}
	if err := s.checkCaseClash(name); err != nil {
		return err
	}

	d.SchemaVersion = SchemaVersion
	d.UpdatedAt = timeNow().UTC()
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return fmt.Errorf("save profile %q: encode: %w", name, err)
	}
	data = append(data, '\n')

	if err := atomicfile.WriteFile(s.Path(name), data, fileMode); err != nil {
		return fmt.Errorf("save profile %q: %w", name, err)
	}
	return nil
}

// checkCaseClash rejects a name that differs only in case from a saved
// profile, because macOS and Windows file systems would map both names to
// one file.
func (s *Store) checkCaseClash(name string) error {
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		return fmt.Errorf("save profile %q: %w", name, err)
	}
	for _, e := range entries {
		other, ok := strings.CutSuffix(e.Name(), fileExt)
		if ok && other != name && strings.EqualFold(other, name) {
			return fmt.Errorf("save profile %q: profile %q already exists and differs only in case, choose another name", name, other)
		}
	}
	return nil
}

// Load reads the named profile. It returns an error that wraps ErrNotFound
// when there is no file, and ErrNewerSchema for a file from a newer version.
func (s *Store) Load(name string) (Draft, error) {
	if err := ValidateName(name); err != nil {
		return Draft{}, fmt.Errorf("load profile: %w", err)
	}
	path := s.Path(name)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return Draft{}, fmt.Errorf("load profile %q: %w: no file %s", name, ErrNotFound, path)
	}
	if err != nil {
		return Draft{}, fmt.Errorf("load profile %q: %w", name, err)
	}

	d, err := decode(path, data)
	if err != nil {
		return Draft{}, err
	}
	if d.Profile.Name != name {
		return Draft{}, fmt.Errorf("load profile %q: file %s contains profile %q, rename the file or remove it", name, path, d.Profile.Name)
	}
	return d, nil
}

// decode parses a draft file, checking the schema version first so that a
// newer file is reported as newer rather than as malformed.
func decode(path string, data []byte) (Draft, error) {
	var header struct {
		SchemaVersion *int `json:"schema_version"`
	}
	if err := json.Unmarshal(data, &header); err != nil {
		return Draft{}, fmt.Errorf("profile file %s is corrupt (%v): remove it or save the profile again", path, err)
	}
	if header.SchemaVersion == nil {
		return Draft{}, fmt.Errorf("profile file %s is corrupt: schema_version is missing", path)
	}
	if v := *header.SchemaVersion; v > SchemaVersion {
		return Draft{}, fmt.Errorf("%w: %s has schema version %d, this version reads up to %d, update ukglink", ErrNewerSchema, path, v, SchemaVersion)
	}
	if v := *header.SchemaVersion; v < 1 {
		return Draft{}, fmt.Errorf("profile file %s is corrupt: invalid schema version %d", path, v)
	}

	var d Draft
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&d); err != nil {
		return Draft{}, fmt.Errorf("profile file %s is corrupt (%v): remove it or save the profile again", path, err)
	}
	return d, nil
}

// List returns every profile in Dir, sorted by name. A missing folder gives
// an empty list. A file that fails to load makes List return the drafts it
// could read together with an error that names every bad file.
func (s *Store) List() ([]Draft, error) {
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, os.ErrNotExist) {
		return []Draft{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list profiles in %s: %w", s.Dir, err)
	}

	drafts := []Draft{}
	var errs []error
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), fileExt)
		if !ok || e.IsDir() || ValidateName(name) != nil {
			continue
		}
		d, err := s.Load(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		drafts = append(drafts, d)
	}
	sort.Slice(drafts, func(i, j int) bool {
		return drafts[i].Profile.Name < drafts[j].Profile.Name
	})
	return drafts, errors.Join(errs...)
}

// Delete removes the named profile's file. It does not touch the keychain.
func (s *Store) Delete(name string) error {
	if err := ValidateName(name); err != nil {
		return fmt.Errorf("delete profile: %w", err)
	}
	path := s.Path(name)
	err := os.Remove(path)
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("delete profile %q: %w: no file %s", name, ErrNotFound, path)
	}
	if err != nil {
		return fmt.Errorf("delete profile %q: %w", name, err)
	}
	return nil
}
