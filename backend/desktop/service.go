package desktop

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/adrg/xdg"

	"github.com/ukglink/ukglink/backend/applog"
	"github.com/ukglink/ukglink/backend/buildinfo"
	"github.com/ukglink/ukglink/backend/keychain"
	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/ukg"
)

// UI is what the service needs from the window. app.go implements it with
// the Wails runtime.
type UI interface {
	Emit(event string, data any)
	// SaveFileDialog returns the chosen path, or "" when the admin cancels.
	SaveFileDialog(title, defaultName string) (string, error)
	// ConfirmDialog shows a yes-or-no question and returns true for yes.
	ConfirmDialog(title, question string) (bool, error)
}

// confirmReplace returns true when path names no file, or when the admin
// agrees to replace it. A failed dialog counts as no.
func (s *Service) confirmReplace(ui UI, title, path string) bool {
	if _, err := os.Lstat(path); err != nil {
		return true
	}
	question := fmt.Sprintf("A file named %q already exists in %s. Replace it?", filepath.Base(path), filepath.Dir(path))
	replace, err := ui.ConfirmDialog(title, question)
	if err != nil {
		s.log.Warn("replace confirmation failed", "path", path, "error", err)
		return false
	}
	s.log.Info("replace confirmation answered", "path", path, "replace", replace)
	return replace
}

// DefaultSaveFolder returns the folder the save dialog opens in. That is
// the user's Documents folder when it exists, else the home folder, else ""
// so that the dialog chooses.
func DefaultSaveFolder() string {
	if dir := xdg.UserDirs.Documents; dir != "" {
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			return dir
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return ""
}

// Event names sent to the window.
const (
	EventVerifyProgress = "verify:progress"
	// EventSnapshotRequested asks the window to call CreateSnapshot for the
	// link it shows (Help > Create support snapshot).
	EventSnapshotRequested = "menu:snapshot"
)

// Service holds the state of one window.
type Service struct {
	config    Config
	log       *slog.Logger
	logCloser io.Closer
	store     *profile.Store
	secrets   *keychain.Session
	demo      *demoSimulator
	now       func() time.Time

	mu           sync.Mutex
	ui           UI
	cancelVerify context.CancelFunc
	replays      map[string]*loopbackServer
	readyAt      time.Time
	startedAt    time.Time

	// pendingBundle is the bundle that ChooseBundle picked, if any.
	pendingBundle *pendingBundle
}

// NewService opens the draft store and the log, and in demo mode starts the
// UKG simulator on loopback.
func NewService(config Config) (*Service, error) {
	logger, closer, err := applog.Open()
	if err != nil {
		return nil, fmt.Errorf("open the log: %w", err)
	}
	store, err := profile.OpenStore()
	if err != nil {
		closer.Close()
		return nil, err
	}
	s := &Service{
		config:    config,
		log:       logger.With("component", "desktop"),
		logCloser: closer,
		store:     store,
		secrets:   keychain.NewSession(keychain.New()),
		now:       time.Now,
		startedAt: time.Now(),
	}
	if config.Demo {
		s.demo, err = startDemoSimulator(config.Scenario, s.log)
		if err != nil {
			s.Close()
			return nil, err
		}
	}
	s.log.Info("window service started", "demo", config.Demo, "version", buildinfo.Version)
	return s, nil
}

// Startup records the window's UI bridge.
func (s *Service) Startup(ctx context.Context, ui UI) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ui = ui
}

// Close stops the demo simulator and closes the log.
func (s *Service) Close() {
	if s.demo != nil {
		s.demo.stop()
	}
	s.stopReplays()
	s.secrets.ForgetAll()
	s.log.Info("window service stopped")
	if s.logCloser != nil {
		s.logCloser.Close()
	}
}

func (s *Service) emit(event string, data any) {
	s.mu.Lock()
	ui := s.ui
	s.mu.Unlock()
	if ui != nil {
		ui.Emit(event, data)
	}
}

// ATSOption is one applicant tracking system the wizard can link.
type ATSOption struct {
	ID        string `json:"id"`
	Label     string `json:"label"`
	Available bool   `json:"available"`
}

// atsOptions are the systems on the Start screen. Only UKG Pro Recruiting
// is linked by this app so far.
var atsOptions = []ATSOption{{ID: "ukg-pro-recruiting", Label: "UKG Pro Recruiting", Available: true}}

// DraftSummary is one resumable draft on the Start screen.
type DraftSummary struct {
	Name         string    `json:"name"`
	Step         string    `json:"step"`
	UpdatedAt    time.Time `json:"updated_at"`
	Tenant       string    `json:"tenant"`
	SecretStored bool      `json:"secret_stored"`
	Verified     bool      `json:"verified"`
}

// StartInfo is what the first screen needs.
type StartInfo struct {
	Result       Result            `json:"result"`
	Demo         bool              `json:"demo"`
	Scenario     string            `json:"scenario"`
	Scenarios    []ScenarioInfo    `json:"scenarios"`
	DemoValues   *DemoValues       `json:"demo_values,omitempty"`
	Version      buildinfo.Info    `json:"version"`
	ATSOptions   []ATSOption       `json:"ats_options"`
	AccountTypes []ukg.AccountType `json:"account_types"`
	Scopes       []ukg.Scope       `json:"scopes"`
	Drafts       []DraftSummary    `json:"drafts"`
	KeychainNote string            `json:"keychain_note"`
	Recipient    RecipientInfo     `json:"recipient"`
}

// Start returns the data of the first screen.
func (s *Service) Start() StartInfo {
	info := StartInfo{
		Result:       ok(),
		Demo:         s.config.Demo,
		Scenarios:    scenarioInfos(),
		Version:      buildinfo.Read(),
		ATSOptions:   atsOptions,
		AccountTypes: ukg.AccountTypes,
		Scopes:       ukg.RequiredScopes,
		Drafts:       []DraftSummary{},
	}
	// Only macOS shows a prompt before the first keychain call.
	if runtime.GOOS == "darwin" {
		info.KeychainNote = keychain.PromptNotice
	}
	if s.demo != nil {
		info.Scenario = s.demo.scenarioName()
		info.DemoValues = demoValues()
	}
	recipient, err := s.recipient()
	if err != nil {
		info.Result = errorResult(err)
	} else {
		info.Recipient = recipient.info
	}
	drafts, err := s.store.List()
	if err != nil {
		info.Result = errorResult(err)
		return info
	}
	for _, d := range drafts {
		info.Drafts = append(info.Drafts, summarize(d))
	}
	return info
}

func summarize(d profile.Draft) DraftSummary {
	return DraftSummary{
		Name:         d.Profile.Name,
		Step:         d.Step,
		UpdatedAt:    d.UpdatedAt,
		Tenant:       d.Profile.Tenant,
		SecretStored: d.SecretStored,
		Verified:     reportVerified(d.LastReport),
	}
}

// FrontendReady records that the first screen is interactive.
func (s *Service) FrontendReady() {
	s.mu.Lock()
	first := s.readyAt.IsZero()
	if first {
		s.readyAt = time.Now()
	}
	s.mu.Unlock()
	if first {
		s.log.Info("first screen ready", "since_start_ms", time.Since(s.startedAt).Milliseconds())
	}
}
