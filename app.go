package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	goruntime "runtime"
	"strings"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/ukglink/ukglink/backend/buildinfo"
	"github.com/ukglink/ukglink/backend/desktop"
)

// App is the object Wails binds to the frontend as window.go.main.App. Each
// method hands its call to the same-named desktop.Service method, which holds
// every rule, so the bound surface stays thin.
type App struct {
	ctx context.Context
	svc *desktop.Service
	ui  windowUI
}

// windowUI is desktop.UI plus the dialogs that only app.go shows.
type windowUI interface {
	desktop.UI
	InfoDialog(title, message string) error
}

// NewApp returns an App that delegates to svc.
func NewApp(svc *desktop.Service) *App {
	return &App{svc: svc}
}

// startup is the Wails OnStartup hook. It stores ctx and starts the service
// with a bridge to the Wails runtime.
func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	a.ui = runtimeBridge{ctx: ctx}
	a.svc.Startup(ctx, a.ui)
}

// requestSnapshot asks the window for a support snapshot of the link it
// shows; it is the Help menu's "Create support snapshot" item.
func (a *App) requestSnapshot() {
	if a.ui != nil {
		a.ui.Emit(desktop.EventSnapshotRequested, nil)
	}
}

// showAbout shows the version in a dialog; it is the Help menu's About item.
// Before startup there is no window, so it does nothing.
func (a *App) showAbout() {
	if a.ui == nil {
		return
	}
	info := buildinfo.Read()
	message := fmt.Sprintf("Version %s (commit %s), built with %s.", info.Version, info.Commit, info.GoVersion)
	if err := a.ui.InfoDialog("About UKG Link Assistant", message); err != nil {
		slog.Warn("about dialog failed", "error", err)
	}
}

// runtimeBridge implements desktop.UI with the Wails runtime. The runtime
// functions end the process when ctx did not come from Wails, so only
// startup creates a bridge and tests use their own desktop.UI.
type runtimeBridge struct {
	ctx context.Context
}

// Emit sends event to the window.
func (b runtimeBridge) Emit(event string, data any) {
	runtime.EventsEmit(b.ctx, event, data)
}

// SaveFileDialog asks where to save a sealed bundle or, for a defaultName
// ending in .json, a support snapshot, starting in the Documents folder. It
// returns "" with a nil error when the admin dismisses the dialog, which
// itself confirms overwrites.
func (b runtimeBridge) SaveFileDialog(title, defaultName string) (string, error) {
	filter := runtime.FileFilter{DisplayName: "Sealed bundle (*.age)", Pattern: "*.age"}
	if filepath.Ext(defaultName) == ".json" {
		filter = runtime.FileFilter{DisplayName: "Support snapshot (*.json)", Pattern: "*.json"}
	}
	return runtime.SaveFileDialog(b.ctx, runtime.SaveDialogOptions{
		Title:                title,
		DefaultDirectory:     desktop.DefaultSaveFolder(),
		DefaultFilename:      defaultName,
		Filters:              []runtime.FileFilter{filter},
		CanCreateDirectories: true,
	})
}

// OpenFileDialog asks which file to open. It returns "" with a nil error
// when the dialog is dismissed.
func (b runtimeBridge) OpenFileDialog(title, pattern, patternName string) (string, error) {
	return runtime.OpenFileDialog(b.ctx, runtime.OpenDialogOptions{
		Title:   title,
		Filters: []runtime.FileFilter{{DisplayName: patternName, Pattern: pattern}},
	})
}

// InfoDialog shows a message with an OK button.
func (b runtimeBridge) InfoDialog(title, message string) error {
	_, err := runtime.MessageDialog(b.ctx, runtime.MessageDialogOptions{
		Type:    runtime.InfoDialog,
		Title:   title,
		Message: dialogMessage(goruntime.GOOS, message),
	})
	return err
}

// ConfirmDialog shows a yes-or-no question and returns true for Yes. GTK
// and Windows show their own Yes and No buttons, macOS the ones named here.
func (b runtimeBridge) ConfirmDialog(title, question string) (bool, error) {
	answer, err := runtime.MessageDialog(b.ctx, runtime.MessageDialogOptions{
		Type:          runtime.QuestionDialog,
		Title:         title,
		Message:       dialogMessage(goruntime.GOOS, question),
		Buttons:       []string{"Yes", "No"},
		DefaultButton: "No",
		CancelButton:  "No",
	})
	return answer == "Yes", err
}

// dialogMessage escapes message for the message dialog of goos. Wails
// v2.9.2 on Linux passes the message to gtk_message_dialog_new as a printf
// format, so a "%" in a file name would be read as a conversion.
func dialogMessage(goos, message string) string {
	if goos == "linux" {
		return strings.ReplaceAll(message, "%", "%%")
	}
	return message
}

// Start returns what the first screen needs.
func (a *App) Start() desktop.StartInfo {
	return a.svc.Start()
}

// CheckField parses one value as the admin types it.
func (a *App) CheckField(field, value string) desktop.FieldResult {
	return a.svc.CheckField(field, value)
}

func (a *App) NewDraft(name string) desktop.DraftResult {
	return a.svc.NewDraft(name)
}

func (a *App) LoadDraft(name string) desktop.DraftResult {
	return a.svc.LoadDraft(name)
}

func (a *App) SaveDraft(d desktop.DraftInput) desktop.DraftResult {
	return a.svc.SaveDraft(d)
}

func (a *App) DeleteDraft(name string) desktop.Result {
	return a.svc.DeleteDraft(name)
}

// StoreSecret keeps the client secret in the keychain, or for this session
// only when remember is false.
func (a *App) StoreSecret(name, secret string, remember bool) desktop.SecretResult {
	return a.svc.StoreSecret(name, secret, remember)
}

func (a *App) SecretStatus(name string) desktop.SecretResult {
	return a.svc.SecretStatus(name)
}

// Verify checks the draft with UKG and emits "verify:progress" events.
func (a *App) Verify(name string) desktop.VerifyResult {
	return a.svc.Verify(name)
}

func (a *App) CancelVerify() desktop.Result {
	return a.svc.CancelVerify()
}

// SetScenario picks the simulated UKG behaviour; demo mode only.
func (a *App) SetScenario(name string) desktop.Result {
	return a.svc.SetScenario(name)
}

// SupportRequest returns the ready-to-send request to UKG support.
func (a *App) SupportRequest(name string) desktop.TextResult {
	return a.svc.SupportRequest(name)
}

// ExportBundle asks where to save the sealed bundle and writes it.
func (a *App) ExportBundle(name string, skipVerify bool, reason string) desktop.ExportResult {
	return a.svc.ExportBundle(name, skipVerify, reason)
}

// FrontendReady marks the first screen as interactive.
func (a *App) FrontendReady() {
	a.svc.FrontendReady()
}

// CreateSnapshot writes a support snapshot of the named link.
func (a *App) CreateSnapshot(name string) desktop.SnapshotResult {
	return a.svc.CreateSnapshot(name)
}

// OpenSnapshot opens a support snapshot as a new link that replays it.
func (a *App) OpenSnapshot() desktop.OpenResult {
	return a.svc.OpenSnapshot()
}

// ChooseBundle asks for a sealed bundle and returns what opens it: a
// passphrase or an identity file.
func (a *App) ChooseBundle() desktop.BundleChoice {
	return a.svc.ChooseBundle()
}

// OpenChosenBundle opens the chosen bundle as a new link.
func (a *App) OpenChosenBundle(req desktop.BundleOpenRequest) desktop.OpenResult {
	return a.svc.OpenChosenBundle(req)
}

// ExportBundleToPassphrase seals the bundle to a new generated passphrase,
// which the result carries once.
//
// NOTE: the Wails v2.9.2 dispatcher logs call results at its Trace level, so
// a development build started with -loglevel trace prints this passphrase.
// The default levels (debug in development builds, error in production) do
// not.
func (a *App) ExportBundleToPassphrase(name string, skipVerify bool, reason string) desktop.PassphraseExportResult {
	return a.svc.ExportBundleToPassphrase(name, skipVerify, reason)
}
