package cli

import (
	"errors"
	"io/fs"
	"strings"
	"syscall"
	"testing"
)

func TestWriteHintNamesCause(t *testing.T) {
	path := "/data/out/link.age"
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"disk full", &fs.PathError{Op: "write", Path: path, Err: syscall.ENOSPC}, "the disk holding /data/out is full"},
		{"quota", &fs.PathError{Op: "write", Path: path, Err: syscall.EDQUOT}, "the disk holding /data/out is full"},
		{"read-only", &fs.PathError{Op: "open", Path: path, Err: syscall.EROFS}, "/data/out is on a read-only disk"},
		{"permission", &fs.PathError{Op: "open", Path: path, Err: syscall.EACCES}, "you may not write to /data/out"},
		{"no folder", &fs.PathError{Op: "open", Path: path, Err: syscall.ENOENT}, "the folder /data/out does not exist"},
		{"other", errors.New("input/output error"), "nothing was written"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := writeHint(path, tc.err); !strings.HasPrefix(got, tc.want) {
				t.Errorf("writeHint = %q, want it to start with %q", got, tc.want)
			}
		})
	}
}

func TestWriteFailureExitsWithFailure(t *testing.T) {
	err := writeFailure("sealed bundle", "/data/out/link.age", syscall.ENOSPC)
	if code := exitCode(err); code != ExitFailure {
		t.Errorf("exit code = %d, want %d", code, ExitFailure)
	}
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("error %v does not wrap ENOSPC", err)
	}
	if !strings.HasPrefix(err.Error(), "write the sealed bundle: ") {
		t.Errorf("error = %q, want it to name what was written", err)
	}
}
