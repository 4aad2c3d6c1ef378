package bundle

import (
	"io"

	"github.com/ukglink/ukglink/backend/atomicfile"
)

// WriteFile seals c like Seal and writes the bundle to path with mode 0600.
// The write is atomic: the bundle goes to a temporary file in the same
// folder, which is synced and then renamed over path. After an error neither
// a partial bundle nor the temporary file remains, and a file that was at
// path before is unchanged.
func WriteFile(path string, c Contents, opts SealOptions) error {
	return atomicfile.Write(path, 0o600, func(w io.Writer) error {
		return Seal(tempWriter(w), c, opts)
	})
}

// tempWriter wraps the writer that fills the temporary file. Tests replace
// it to make a write fail part of the way through.
var tempWriter = func(w io.Writer) io.Writer { return w }
