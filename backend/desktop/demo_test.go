package desktop

import (
	"strings"
	"testing"

	"github.com/ukglink/ukglink/backend/ukgsim"
)

func TestScenarioLabelsArePlain(t *testing.T) {
	infos := scenarioInfos()
	for _, info := range infos {
		if info.Label == "" || info.Label == info.Name {
			t.Errorf("scenario %s has no plain label", info.Name)
		}
		if strings.Contains(info.Label, "-") {
			t.Errorf("scenario %s: label %q looks like an internal name", info.Name, info.Label)
		}
		if info.Name == "replay" {
			t.Error("the demo menu offers replay, which needs an opened snapshot")
		}
	}
	for _, s := range ukgsim.Scenarios {
		if _, ok := scenarioLabels[s.Name]; !ok && s.Name != "replay" {
			t.Errorf("simulator scenario %s has no label in the demo menu", s.Name)
		}
	}
}
