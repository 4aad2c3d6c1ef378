// Command ukglink is UKG Link Assistant: with no arguments it opens the
// desktop wizard, "ukglink demo" opens it against the built-in UKG simulator,
// and any other command runs the command-line interface.
package main

import (
	"context"
	"embed"
	"fmt"
	"os"
	"os/signal"
	"runtime"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"

	"github.com/ukglink/ukglink/backend/cli"
	"github.com/ukglink/ukglink/backend/desktop"
	"github.com/ukglink/ukglink/backend/platform"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	args := os.Args[1:]
	if cli.IsCommand(args) {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		code := cli.Main(ctx, args, cli.Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr})
		stop()
		os.Exit(code)
	}

	config, rest, err := desktop.ParseArgs(args, os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ukglink: "+err.Error())
		fmt.Fprintln(os.Stderr, "hint: run \"ukglink help\" for the commands")
		os.Exit(cli.ExitUsage)
	}
	// Wails development builds parse their own flags (-devserver, -assetdir)
	// from os.Args, so only those stay behind.
	os.Args = append(os.Args[:1], rest...)

	if err := runDesktop(config); err != nil {
		fmt.Fprintln(os.Stderr, "ukglink: could not open the window: "+err.Error())
		os.Exit(cli.ExitFailure)
	}
}

func runDesktop(config desktop.Config) error {
	if _, err := platform.ApplyWebKitOverrides(runtime.GOOS); err != nil {
		return err
	}
	service, err := desktop.NewService(config)
	if err != nil {
		return err
	}
	defer service.Close()

	app := NewApp(service)
	return wails.Run(&options.App{
		Title:     "UKG Link Assistant",
		Width:     1080,
		Height:    760,
		MinWidth:  760,
		MinHeight: 560,
		AssetServer: &assetserver.Options{
			Assets: assets,
		},
		Menu:      applicationMenu(runtime.GOOS, app.requestSnapshot, app.showAbout),
		OnStartup: app.startup,
		Bind:      []interface{}{app},
	})
}

// applicationMenu builds the window menu. macOS needs the App and Edit role
// menus, because without an Edit menu Cmd+C and Cmd+V do nothing in inputs.
// Linux and Windows web views handle the clipboard keys themselves.
func applicationMenu(goos string, snapshot, about func()) *menu.Menu {
	appMenu := menu.NewMenu()
	if goos == "darwin" {
		appMenu.Append(menu.AppMenu())
		appMenu.Append(menu.EditMenu())
	}
	help := appMenu.AddSubmenu("Help")
	help.AddText("Create support snapshot", nil, func(*menu.CallbackData) {
		snapshot()
	})
	help.AddText("About UKG Link Assistant", keys.CmdOrCtrl("i"), func(*menu.CallbackData) {
		about()
	})
	return appMenu
}
