package platform

import (
	"os"
	"testing"
)

func fakeEnvironment(goos string, vars map[string]string, files ...string) Environment {
	return Environment{
		GOOS: goos,
		LookupEnv: func(name string) (string, bool) {
			value, ok := vars[name]
			return value, ok
		},
		Exists: func(path string) bool {
			for _, f := range files {
				if f == path {
					return true
				}
			}
			return false
		},
	}
}

func TestWebKitOverrides(t *testing.T) {
	tests := []struct {
		name  string
		env   Environment
		want  string
		isSet bool
	}{
		{"nvidia proc file", fakeEnvironment("linux", nil, "/proc/driver/nvidia/version"), "1", true},
		{"nvidia sys module", fakeEnvironment("linux", nil, "/sys/module/nvidia"), "1", true},
		{"no nvidia driver", fakeEnvironment("linux", nil, "/sys/module/nouveau"), "", false},
		{"user set zero", fakeEnvironment("linux", map[string]string{DMABufVariable: "0"}, "/sys/module/nvidia"), "", false},
		{"windows", fakeEnvironment("windows", nil, "/sys/module/nvidia"), "", false},
		{"macos", fakeEnvironment("darwin", nil, "/sys/module/nvidia"), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, isSet := WebKitOverrides(tt.env)[DMABufVariable]
			if isSet != tt.isSet {
				t.Errorf("override present = %v, want %v", isSet, tt.isSet)
			}
			if got != tt.want {
				t.Errorf("override = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestApplyWebKitOverridesKeepsUserValue(t *testing.T) {
	t.Setenv(DMABufVariable, "0")
	overrides, err := ApplyWebKitOverrides("linux")
	if err != nil {
		t.Fatal(err)
	}
	if len(overrides) != 0 {
		t.Errorf("overrides = %v, want none", overrides)
	}
	if got := os.Getenv(DMABufVariable); got != "0" {
		t.Errorf("%s = %q, want the user's 0", DMABufVariable, got)
	}
}
