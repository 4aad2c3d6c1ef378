//go:build !dev

package desktop

// testHooks is false outside development builds, so that no environment
// variable can replace the save and open dialogs of a release build.
const testHooks = false
