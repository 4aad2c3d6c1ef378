package applog

import (
	"errors"
	"fmt"
	"os"
	"sync"
)

// rotatingFile appends to a file and rotates it to <path>.1 before a write
// that would make it larger than maxSize. A single write larger than
// maxSize still goes to a fresh file whole, so no record is split.
type rotatingFile struct {
	path    string
	maxSize int64

	mu   sync.Mutex
	file *os.File
	size int64
}

func openRotating(path string, maxSize int64) (*rotatingFile, error) {
	r := &rotatingFile{path: path, maxSize: maxSize}
	if err := r.openFile(); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *rotatingFile) openFile() error {
	f, err := os.OpenFile(r.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, fileMode)
	if err != nil {
		return fmt.Errorf("open log %s: %w", r.path, err)
	}
	if err := f.Chmod(fileMode); err != nil {
		f.Close()
		return fmt.Errorf("set mode of log %s: %w", r.path, err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("open log %s: %w", r.path, err)
	}
	r.file, r.size = f, info.Size()
	return nil
}

func (r *rotatingFile) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.file == nil {
		return 0, fmt.Errorf("write log %s: %w", r.path, os.ErrClosed)
	}
	if r.size > 0 && r.size+int64(len(p)) > r.maxSize {
		if err := r.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := r.file.Write(p)
	r.size += int64(n)
	return n, err
}

// rotate renames the current file to <path>.1 and opens a new one.
func (r *rotatingFile) rotate() error {
	if err := r.file.Close(); err != nil {
		return fmt.Errorf("rotate log %s: %w", r.path, err)
	}
	r.file = nil
	if err := os.Rename(r.path, r.path+".1"); err != nil {
		return fmt.Errorf("rotate log %s: %w", r.path, err)
	}
	return r.openFile()
}

func (r *rotatingFile) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.file == nil {
		return errors.New("close log " + r.path + ": already closed")
	}
	err := r.file.Close()
	r.file = nil
	return err
}
