package desktop

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/secret"
	"github.com/ukglink/ukglink/backend/snapshot"
	"github.com/ukglink/ukglink/backend/ukgsim"
)

// SupportUI is the part of the window support features need beyond UI.
type SupportUI interface {
	// OpenFileDialog returns the chosen path, or "" when the admin cancels.
	OpenFileDialog(title, pattern, patternName string) (string, error)
}

// SnapshotResult is the response to CreateSnapshot.
type SnapshotResult struct {
	Result Result `json:"result"`
	Path   string `json:"path"`
}

// CreateSnapshot writes a support snapshot of the named draft: its values,
// last report, the app version, OS and recent log lines, never the secret.
// An empty name means that the window shows no link yet.
func (s *Service) CreateSnapshot(name string) SnapshotResult {
	if strings.TrimSpace(name) == "" {
		return SnapshotResult{Result: failed("no_link", "",
			"There is no link on screen yet. Start or resume a link, then create the snapshot.", "")}
	}
	draft, err := s.store.Load(name)
	if err != nil {
		return SnapshotResult{Result: errorResult(err)}
	}
	lines, err := snapshot.RecentLogLines(draft.Profile)
	if err != nil {
		s.log.Warn("snapshot log lines incomplete", "profile", name, "error", err)
	}
	snap, err := snapshot.New(draft, lines, s.now())
	if err != nil {
		return SnapshotResult{Result: errorResult(err)}
	}
	defaultName := fmt.Sprintf("ukglink-snapshot-%s-%s.json", name, s.now().Format("2006-01-02"))
	path, result := s.askSavePath("Save the support snapshot", defaultName)
	if result.Status != StatusOK {
		return SnapshotResult{Result: result}
	}
	// The secret the session holds, if any, is scrubbed once more.
	scrub, _ := s.secrets.Peek(name)
	if err := snapshot.Write(path, snap, scrub); err != nil {
		s.log.Error("snapshot failed", "profile", name, "path", path, "error", err)
		return SnapshotResult{Result: errorResult(err)}
	}
	s.log.Info("snapshot written", "profile", name, "path", path)
	return SnapshotResult{Result: ok(), Path: path}
}

// OpenResult is the response to OpenSnapshot and OpenChosenBundle.
type OpenResult struct {
	Result Result    `json:"result"`
	Draft  DraftView `json:"draft"`
	// Replaying is set when verification now goes to a simulator that
	// responds like the UKG recorded in the snapshot.
	Replaying bool `json:"replaying"`
	// ExpiredAt is the RFC 3339 expiry time of a bundle that was not opened
	// because it expired. Opening it needs the AllowExpired override.
	ExpiredAt string `json:"expired_at,omitempty"`
}

// OpenSnapshot asks for a support snapshot, saves its profile as a new
// draft with the recorded report, and routes verification to a simulator
// that replays the recorded responses.
func (s *Service) OpenSnapshot() OpenResult {
	path, result := s.askOpenPath("Open a support snapshot", "*.json", "Support snapshot (*.json)")
	if result.Status != StatusOK {
		return OpenResult{Result: result}
	}
	file, err := os.Open(path)
	if err != nil {
		return OpenResult{Result: errorResult(err)}
	}
	defer file.Close()
	snap, err := snapshot.Read(file)
	if err != nil {
		return OpenResult{Result: failed("not_snapshot", "", capitalize(err.Error())+".", path)}
	}
	draft, err := s.saveOpenedDraft(snap.Profile, "support", "verify")
	if err != nil {
		return OpenResult{Result: errorResult(err)}
	}
	if snap.Report != nil {
		if raw, err := json.Marshal(snap.Report); err == nil {
			draft.LastReport = raw
			if err := s.store.Save(draft); err != nil {
				return OpenResult{Result: errorResult(err)}
			}
		}
	}
	replaying := s.startReplay(snap, draft.Profile.Name)
	if replaying {
		// The replay accepts any secret, and a snapshot has none, so the
		// Verify screen works without asking for one.
		s.secrets.Remember(draft.Profile.Name, secret.New("snapshot-replay-takes-any-secret"))
	}
	s.log.Info("snapshot opened", "path", path, "profile", draft.Profile.Name, "replaying", replaying)
	return OpenResult{Result: ok(), Draft: viewOf(draft), Replaying: replaying}
}

// startReplay points verification of profileName at a replaying simulator.
func (s *Service) startReplay(snap snapshot.Snapshot, profileName string) bool {
	config, err := snapshot.ReplayConfig(snap)
	if err != nil {
		s.log.Info("snapshot not replayable", "error", err)
		return false
	}
	config.Logger = s.log
	server, err := ukgsim.New(config)
	if err != nil {
		s.log.Warn("replay simulator failed", "error", err)
		return false
	}
	sim, err := startSimulatorFor(server, s.log)
	if err != nil {
		s.log.Warn("replay simulator failed", "error", err)
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.replays == nil {
		s.replays = map[string]*loopbackServer{}
	}
	if old := s.replays[profileName]; old != nil {
		old.stop()
	}
	s.replays[profileName] = sim
	return true
}

// saveOpenedDraft saves p under a free name derived from its own name or
// tenant, so an opened file never replaces a draft.
func (s *Service) saveOpenedDraft(p profile.Profile, prefix, step string) (profile.Draft, error) {
	base := p.Name
	if base == "" {
		base = prefix + "-" + strings.ToLower(p.Tenant)
	}
	name := base
	for i := 2; ; i++ {
		if profile.ValidateName(name) != nil {
			name = fmt.Sprintf("%s-%d", prefix, time.Now().Unix())
		}
		if _, err := s.store.Load(name); err != nil {
			break
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
	p.Name = name
	draft := profile.Draft{SchemaVersion: profile.SchemaVersion, Profile: p, Step: step}
	return draft, s.store.Save(draft)
}

func (s *Service) askOpenPath(title, pattern, patternName string) (string, Result) {
	s.mu.Lock()
	ui := s.ui
	var testPath string
	if len(s.config.OpenFiles) > 0 {
		testPath, s.config.OpenFiles = s.config.OpenFiles[0], s.config.OpenFiles[1:]
	}
	s.mu.Unlock()
	if testPath != "" {
		s.log.Warn("open dialog skipped for a test", "path", testPath)
		return testPath, ok()
	}
	dialogs, canOpen := ui.(SupportUI)
	if !canOpen {
		return "", failed("no_window", "", "The open dialog is not available.", "")
	}
	path, err := dialogs.OpenFileDialog(title, pattern, patternName)
	if err != nil {
		return "", errorResult(err)
	}
	if path == "" {
		return "", Result{Status: StatusCancelled, Code: "cancelled", Message: "Cancelled. Nothing was opened."}
	}
	return path, ok()
}

// replayEndpoint returns the replaying simulator of profileName, if any.
func (s *Service) replayEndpoint(profileName string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sim := s.replays[profileName]; sim != nil {
		return sim.endpoint
	}
	return ""
}

// stopReplays stops every replaying simulator.
func (s *Service) stopReplays() {
	s.mu.Lock()
	replays := s.replays
	s.replays = nil
	s.mu.Unlock()
	for _, sim := range replays {
		sim.stop()
	}
}
