// Package platform holds start-up adjustments for the desktop window that
// depend on the operating system and its drivers.
package platform

import (
	"os"
)

// DMABufVariable is the WebKitGTK switch that turns off its DMA-BUF renderer.
const DMABufVariable = "WEBKIT_DISABLE_DMABUF_RENDERER"

// nvidiaMarkers are files that exist while the proprietary NVIDIA kernel
// driver is loaded. With that driver, WebKitGTK's DMA-BUF renderer shows a
// blank white window.
var nvidiaMarkers = []string{"/proc/driver/nvidia/version", "/sys/module/nvidia"}

// Environment is what the adjustment reads: the variable lookup and a file
// existence check, replaceable in tests.
type Environment struct {
	GOOS      string
	LookupEnv func(string) (string, bool)
	Exists    func(path string) bool
}

// WebKitOverrides returns the environment variables to set before the
// window opens. It never overrides a variable the user has set.
func WebKitOverrides(env Environment) map[string]string {
	overrides := map[string]string{}
	if env.GOOS != "linux" {
		return overrides
	}
	if _, set := env.LookupEnv(DMABufVariable); set {
		return overrides
	}
	for _, marker := range nvidiaMarkers {
		if env.Exists(marker) {
			overrides[DMABufVariable] = "1"
			break
		}
	}
	return overrides
}

// ApplyWebKitOverrides sets the variables WebKitOverrides returns for this
// process and returns them, for the start-up log.
func ApplyWebKitOverrides(goos string) (map[string]string, error) {
	overrides := WebKitOverrides(Environment{
		GOOS:      goos,
		LookupEnv: os.LookupEnv,
		Exists: func(path string) bool {
			_, err := os.Stat(path)
			return err == nil
		},
	})
	for name, value := range overrides {
		if err := os.Setenv(name, value); err != nil {
			return nil, err
		}
	}
	return overrides, nil
}
