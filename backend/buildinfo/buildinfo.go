// Package buildinfo reports the version and commit stamped into the binary.
package buildinfo

import (
	"runtime/debug"
)

// Version and Commit are set at build time:
//
//	go build -ldflags "-X github.com/ukglink/ukglink/backend/buildinfo.Version=1.2.3 -X github.com/ukglink/ukglink/backend/buildinfo.Commit=abc1234"
//
// Without them, Commit falls back to the VCS revision that the Go toolchain
// records when it builds inside a git checkout.
var (
	Version = "0.0.0-dev"
	Commit  = ""
)

// Info is the version information shown by --version and the About box.
type Info struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	GoVersion string `json:"go_version"`
}

// Read returns the stamped version information.
func Read() Info {
	info := Info{Version: Version, Commit: Commit}
	build, ok := debug.ReadBuildInfo()
	if ok {
		info.GoVersion = build.GoVersion
	}
	if info.Commit == "" && ok {
		info.Commit = vcsRevision(build)
	}
	if info.Commit == "" {
		info.Commit = "unknown"
	}
	return info
}

func vcsRevision(build *debug.BuildInfo) string {
	revision, modified := "", false
	for _, s := range build.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if len(revision) > 12 {
		revision = revision[:12]
	}
	if revision != "" && modified {
		revision += "-modified"
	}
	return revision
}

// String returns the one-line form printed by --version.
func (i Info) String() string {
	return "ukglink " + i.Version + " (commit " + i.Commit + ")"
}
