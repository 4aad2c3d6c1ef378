package cli

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/ukglink/ukglink/backend/keychain"
	"github.com/ukglink/ukglink/backend/profile"
)

const profilesUsage = "list | show NAME | delete NAME | save NAME [profile flags] [--client-secret-file FILE]"

func runProfiles(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageError(errors.New("profiles needs a subcommand"), "usage: ukglink profiles "+profilesUsage)
	}
	store, err := profile.OpenStore()
	if err != nil {
		return failure(err)
	}
	sub, rest := args[0], args[1:]
	if sub == "list" {
		return listProfiles(e, store)
	}
	if sub != "show" && sub != "delete" && sub != "save" {
		return usageError(fmt.Errorf("unknown profiles subcommand %q", sub), "usage: ukglink profiles "+profilesUsage)
	}
	if len(rest) == 0 {
		return usageError(fmt.Errorf("profiles %s needs a profile NAME", sub))
	}
	name := rest[0]
	if err := profile.ValidateName(name); err != nil {
		return usageError(err)
	}
	switch sub {
	case "show":
		return showProfile(e, store, name)
	case "delete":
		return deleteProfile(ctx, e, store, name)
	}
	return saveProfile(ctx, e, store, name, rest[1:])
}

func listProfiles(e *env, store *profile.Store) error {
	drafts, err := store.List()
	if err != nil {
		return failure(err)
	}
	if len(drafts) == 0 {
		fmt.Fprintln(e.Err, "No saved profiles. Save one with: ukglink profiles save NAME --subdomain ... --tenant ... --client-id ...")
		return nil
	}
	w := tabwriter.NewWriter(e.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tTENANT\tSUBDOMAIN\tACCOUNT TYPE\tSTEP\tUPDATED")
	for _, d := range drafts {
		p := d.Profile
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", p.Name, p.Tenant, p.Subdomain, p.AccountType, d.Step, d.UpdatedAt.Format("2006-01-02 15:04"))
	}
	return w.Flush()
}

func showProfile(e *env, store *profile.Store, name string) error {
	d, err := store.Load(name)
	if err != nil {
		return usageError(err, "list the saved profiles: ukglink profiles list")
	}
	p := d.Profile
	fmt.Fprintf(e.Out, "Name:          %s\nSubdomain:     %s\nAccount type:  %s\n", p.Name, p.Subdomain, p.AccountType)
	if p.IdentityHost != "" {
		fmt.Fprintf(e.Out, "Identity host: %s\n", p.IdentityHost)
	}
	fmt.Fprintf(e.Out, "Tenant:        %s\nClient ID:     %s\n", p.Tenant, p.ClientID)
	switch {
	case d.SecretStored:
		fmt.Fprintln(e.Out, "Client secret: in the system keychain")
	case d.AskEachTime:
		fmt.Fprintln(e.Out, "Client secret: not saved (asked each time)")
	default:
		fmt.Fprintln(e.Out, "Client secret: not given yet")
	}
	fmt.Fprintf(e.Out, "Wizard step:   %s\nUpdated:       %s\n", d.Step, d.UpdatedAt.Format("2006-01-02 15:04:05 MST"))
	return nil
}

// deleteProfile deletes the keychain entry before the draft. When the
// keychain fails, the draft stays, so that a later delete still finds the
// entry through it.
func deleteProfile(ctx context.Context, e *env, store *profile.Store, name string) error {
	draft, err := store.Load(name)
	if errors.Is(err, profile.ErrNotFound) {
		return deleteEntryWithoutDraft(ctx, e, name)
	}
	if err != nil {
		return usageError(err, "list the saved profiles: ukglink profiles list")
	}

	if draft.SecretStored {
		err := keychain.New().Delete(ctx, name)
		if err != nil && !errors.Is(err, keychain.ErrNotFound) {
			notDeleted := fmt.Errorf("profile %s was not deleted, because its client secret could not be deleted from the keychain: %w", name, err)
			return keychainError(notDeleted, "when the keychain works again, run: ukglink profiles delete "+name)
		}
	}
	if err := store.Delete(name); err != nil {
		return failure(err)
	}
	e.log.Info("profile deleted", "profile", name, "had_secret", draft.SecretStored)
	fmt.Fprintf(e.Out, "Deleted profile %s\n", name)
	return nil
}

// deleteEntryWithoutDraft deletes a keychain entry whose draft is gone, such
// as one left behind by an earlier failed delete.
func deleteEntryWithoutDraft(ctx context.Context, e *env, name string) error {
	err := keychain.New().Delete(ctx, name)
	switch {
	case err == nil:
		e.log.Info("keychain entry without profile deleted", "profile", name)
		fmt.Fprintf(e.Out, "Deleted the keychain entry of %s, which had no saved profile\n", name)
		return nil
	case errors.Is(err, keychain.ErrNotFound):
		return usageError(fmt.Errorf("no saved profile named %s", name), "list the saved profiles: ukglink profiles list")
	}
	e.log.Warn("keychain entry not checked", "profile", name, "error", err)
	return usageError(fmt.Errorf("no saved profile named %s, and the keychain could not be searched for an entry of that name", name),
		"list the saved profiles: ukglink profiles list")
}

func saveProfile(ctx context.Context, e *env, store *profile.Store, name string, args []string) error {
	fs := newFlagSet(e, "profiles save", "NAME [profile flags] [--client-secret-file FILE]")
	flags := addProfileFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	// Saving over an existing profile keeps the values the flags do not replace.
	draft := profile.Draft{SchemaVersion: profile.SchemaVersion, Step: "verify"}
	if existing, err := store.Load(name); err == nil {
		draft = existing
		flags.name = name
	}
	p, err := flags.resolveProfile(e)
	if err != nil {
		return err
	}
	p.Name = name
	draft.Profile = p
	s, given, err := flags.givenSecret(e, p.ClientID)
	if err != nil {
		return err
	}
	if given {
		if err := keychain.New().Save(ctx, name, s); err != nil {
			_ = store.Save(draft)
			return keychainError(fmt.Errorf("profile %s saved without its client secret: %w", name, err))
		}
		draft.SecretStored = true
	}
	if err := store.Save(draft); err != nil {
		return writeFailure("profile", store.Path(name), err)
	}
	fmt.Fprintf(e.Out, "Saved profile %s\n", name)
	if !draft.SecretStored {
		fmt.Fprintln(e.Err, "note: no client secret was saved; add it with --client-secret-file FILE, or pipe it to standard input")
	}
	return nil
}
