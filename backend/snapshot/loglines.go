package snapshot

import (
	"encoding/json"
	"strings"

	"github.com/ukglink/ukglink/backend/applog"
	"github.com/ukglink/ukglink/backend/profile"
)

// MaxLogLines is how many recent log lines of its profile a snapshot carries.
const MaxLogLines = 200

// logScanLines is how many log lines are searched for those of the profile.
// The log and its one rotated file hold at most 2 MiB, so fewer lines than
// this.
const logScanLines = 1 << 20

// RecentLogLines returns up to MaxLogLines of the app's most recent log
// lines that belong to p (see ProfileLogLines), oldest first. With an error
// reading the log it returns the lines it could read.
func RecentLogLines(p profile.Profile) ([]string, error) {
	lines, err := applog.RecentLines(logScanLines)
	return ProfileLogLines(lines, p, MaxLogLines), err
}

// logRecord has the attributes of a JSON log line that tie it to a profile.
type logRecord struct {
	Profile  string `json:"profile"`
	Tenant   string `json:"tenant"`
	ClientID string `json:"client_id"`
	RunID    string `json:"run_id"`
}

// relation is the tie between a log line and one profile.
type relation int

const (
	unrelated   relation = iota // names no profile
	ownLine                     // names this profile
	foreignLine                 // names another profile
)

// relate compares the profile, tenant and client_id attributes of r with p.
// One attribute that names another value makes the line foreign.
func (r logRecord) relate(p profile.Profile) relation {
	named := false
	for _, attr := range []struct {
		value, want string
		fold        bool
	}{
		{r.Profile, p.Name, false},
		{r.Tenant, p.Tenant, true},
		{r.ClientID, p.ClientID, false},
	} {
		if attr.value == "" {
			continue
		}
		same := attr.value == attr.want
		if attr.fold {
			same = strings.EqualFold(attr.value, attr.want)
		}
		if !same {
			return foreignLine
		}
		named = true
	}
	if named {
		return ownLine
	}
	return unrelated
}

// ProfileLogLines returns the last max of lines that belong to p, oldest
// first. A JSON log line belongs to p when its profile, tenant or client_id
// attribute names p and none names another value. A line that names no
// profile belongs to p when it has the run_id of a line that does, as the
// other lines of one command do. Lines that are not JSON objects, and lines
// of other profiles, are left out.
func ProfileLogLines(lines []string, p profile.Profile, max int) []string {
	records := make([]logRecord, len(lines))
	relations := make([]relation, len(lines))
	runs := map[string]bool{}
	for i, line := range lines {
		if json.Unmarshal([]byte(line), &records[i]) != nil {
			relations[i] = foreignLine
			continue
		}
		relations[i] = records[i].relate(p)
		if relations[i] == ownLine && records[i].RunID != "" {
			runs[records[i].RunID] = true
		}
	}

	kept := []string{}
	for i, line := range lines {
		own := relations[i] == ownLine
		sameRun := relations[i] == unrelated && records[i].RunID != "" && runs[records[i].RunID]
		if own || sameRun {
			kept = append(kept, line)
		}
	}
	if len(kept) > max {
		kept = kept[len(kept)-max:]
	}
	return kept
}
