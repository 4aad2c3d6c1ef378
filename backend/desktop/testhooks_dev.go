//go:build dev

package desktop

// testHooks makes ParseArgs read the test hooks ExportDirEnv, OpenFilesEnv
// and ConnectTimeoutEnv. Only development builds, which the end-to-end
// tests drive, set it, so a release build always shows the native dialogs.
const testHooks = true
