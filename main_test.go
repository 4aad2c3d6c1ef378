package main

import (
	"testing"

	"github.com/wailsapp/wails/v2/pkg/menu"
)

func hasRole(m *menu.Menu, role menu.Role) bool {
	for _, item := range m.Items {
		if item.Role == role {
			return true
		}
	}
	return false
}

func TestApplicationMenuMacHasEditMenu(t *testing.T) {
	m := applicationMenu("darwin", func() {}, func() {})
	if !hasRole(m, menu.EditMenuRole) {
		t.Error("macOS menu lacks the Edit menu, so Cmd+V would not paste")
	}
	if !hasRole(m, menu.AppMenuRole) {
		t.Error("macOS menu lacks the application menu")
	}
}

func TestApplicationMenuHelpItems(t *testing.T) {
	for _, goos := range []string{"darwin", "linux", "windows"} {
		called, snapshotCalled := false, false
		m := applicationMenu(goos, func() { snapshotCalled = true }, func() { called = true })
		var help *menu.MenuItem
		for _, item := range m.Items {
			if item.Label == "Help" {
				help = item
			}
		}
		if help == nil || help.SubMenu == nil || len(help.SubMenu.Items) == 0 {
			t.Fatalf("%s: no Help menu", goos)
		}
		if len(help.SubMenu.Items) != 2 {
			t.Fatalf("%s: Help menu has %d items, want snapshot and About", goos, len(help.SubMenu.Items))
		}
		help.SubMenu.Items[0].Click(nil)
		if !snapshotCalled {
			t.Errorf("%s: Help > Create support snapshot does nothing", goos)
		}
		help.SubMenu.Items[1].Click(nil)
		if !called {
			t.Errorf("%s: Help > About does not open the About box", goos)
		}
	}
}

func TestApplicationMenuNoRolesOffMac(t *testing.T) {
	for _, goos := range []string{"linux", "windows"} {
		m := applicationMenu(goos, func() {}, func() {})
		if hasRole(m, menu.EditMenuRole) || hasRole(m, menu.AppMenuRole) {
			t.Errorf("%s: role menus are macOS-only and render empty elsewhere", goos)
		}
	}
}

func TestDialogMessageEscapesPercentOnLinux(t *testing.T) {
	message := `A file named "100%s.age" already exists.`
	if got := dialogMessage("linux", message); got != `A file named "100%%s.age" already exists.` {
		t.Errorf("linux: %q, want every %% doubled for gtk_message_dialog_new", got)
	}
	for _, goos := range []string{"darwin", "windows"} {
		if got := dialogMessage(goos, message); got != message {
			t.Errorf("%s: %q, want the message unchanged", goos, got)
		}
	}
}
