package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"
)

// writeFailure returns the failure of writing the fileKind file at path, with
// a hint for the causes an admin can fix. Every file is written atomically,
// so the hint can promise that nothing was written and an earlier file is intact.
func writeFailure(fileKind, path string, err error) error {
	return failure(fmt.Errorf("write the %s: %w", fileKind, err), writeHint(path, err))
}

// writeHint returns the next step after a failed write to path.
func writeHint(path string, err error) string {
	folder := filepath.Dir(path)
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return fmt.Sprintf("the disk holding %s is full, so nothing was written and any earlier file "+
			"there is unchanged. Free some space, or choose a folder on another disk", folder)
	case errors.Is(err, syscall.EROFS):
		return fmt.Sprintf("%s is on a read-only disk: choose another folder", folder)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("you may not write to %s: choose a folder of your own, such as your home folder", folder)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("the folder %s does not exist: create it, or choose another folder", folder)
	}
	return "nothing was written, and any earlier file at that path is unchanged"
}
