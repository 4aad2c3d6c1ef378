//go:build !unix

package atomicfile

// isUnsupported reports whether a folder sync failed only because the
// platform cannot sync a folder. Windows returns an error for every folder
// sync, and its file systems journal the rename themselves.
func isUnsupported(err error) bool {
	return err != nil
}
