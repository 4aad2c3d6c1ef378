package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/secret"
	"github.com/ukglink/ukglink/backend/ukg"
)

const checkUsage = "subdomain|tenant|client-id|client-secret|identity-host|account-type VALUE"

func runCheck(_ context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "check", checkUsage)
	list := fs.Bool("list", false, "with account-type: print the account-type options")
	accountType := fs.String("account-type", "", "with subdomain: the account type `ID` that decides the UKG domain (default: the one on the pasted domain, else \""+ukg.DefaultAccountTypeID+"\")")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	rest := fs.Args()
	if len(rest) >= 1 && rest[0] == "account-type" && *list {
		printAccountTypes(e.Out)
		return nil
	}
	if len(rest) == 1 && rest[0] == "client-secret" && stdinIsPiped(e) {
		rest = append(rest, "-")
	}
	if len(rest) != 2 {
		return usageError(errors.New("check needs a field name and a value"), "usage: ukglink check "+checkUsage)
	}
	field, value := rest[0], rest[1]

	switch field {
	case "subdomain":
		return checkSubdomain(e, value, *accountType)
	case "tenant":
		return e.printValue(ukg.ParseTenant(value))
	case "client-id":
		return checkClientID(e, value)
	case "identity-host":
		return e.printValue(ukg.ParseIdentityHost(value))
	case "account-type":
		account, err := ukg.ParseAccountType(value)
		if err != nil {
			return fieldError(err)
		}
		fmt.Fprintln(e.Out, account.ID)
		return nil
	case "client-secret":
		return checkSecret(e, value)
	}
	return usageError(fmt.Errorf("unknown field %q", field), "fields: "+strings.ReplaceAll(strings.Split(checkUsage, " ")[0], "|", ", "))
}

func checkSubdomain(e *env, value, accountType string) error {
	sub, err := ukg.ParseSubdomain(value)
	if err != nil {
		return fieldError(err)
	}
	printNotes(e.Err, sub.Notes, sub.Warnings)

	p := profile.Profile{Subdomain: sub.Value.Value}
	if accountType != "" {
		account, err := ukg.ParseAccountType(accountType)
		if err != nil {
			return fieldError(err)
		}
		p.AccountType = account.ID
	}
	if sub.Domain != "" {
		if err := matchAccountType(e, &p, sub, accountType != "", flagNames); err != nil {
			return err
		}
	}
	if p.AccountType == "" {
		p.AccountType = ukg.DefaultAccountTypeID
	}
	url, err := ukg.ServiceHostURL(p.Subdomain, p.AccountType)
	if err == nil && !hasNote(sub.Notes, "uses_https") {
		fmt.Fprintf(e.Err, "note: %s will be used\n", url)
	}
	fmt.Fprintln(e.Out, p.Subdomain)
	return nil
}

// hasNote reports whether notes contain one with code.
func hasNote(notes []ukg.Note, code string) bool {
	for _, n := range notes {
		if n.Code == code {
			return true
		}
	}
	return false
}

// checkClientID also warns about a client ID that looks like a tenant name
// or a Web Services key.
func checkClientID(e *env, value string) error {
	parsed, err := ukg.ParseClientID(value)
	if err != nil {
		return fieldError(err)
	}
	printNotes(e.Err, parsed.Notes, parsed.Warnings)
	printNotes(e.Err, nil, ukg.CredentialWarnings(parsed.Value, secret.Secret{}))
	fmt.Fprintln(e.Out, parsed.Value)
	return nil
}

func checkSecret(e *env, value string) error {
	if value != "-" {
		return usageError(errors.New("a client secret is never taken from the command line"),
			"pipe it in: ukglink check client-secret - < secret.txt")
	}
	raw, err := readLimited(e.In, "standard input")
	if err != nil {
		return err
	}
	parsed, err := ukg.ParseClientSecret(raw)
	if err != nil {
		return fieldError(err)
	}
	printNotes(e.Err, parsed.Notes, parsed.Warnings)
	printNotes(e.Err, nil, ukg.CredentialWarnings("", parsed.Secret))
	fmt.Fprintf(e.Out, "client secret accepted: %d characters\n", len([]rune(parsed.Secret.Reveal())))
	return nil
}

func (e *env) printValue(value ukg.Value, err error) error {
	if err != nil {
		return fieldError(err)
	}
	printNotes(e.Err, value.Notes, value.Warnings)
	fmt.Fprintln(e.Out, value.Value)
	return nil
}

func printNotes(w io.Writer, notes, warnings []ukg.Note) {
	for _, n := range notes {
		fmt.Fprintf(w, "note: %s\n", n.Message)
	}
	for _, n := range warnings {
		fmt.Fprintf(w, "warning: %s\n", n.Message)
	}
}

// fieldError turns a parser error into a usage error.
func fieldError(err error) error {
	return usageError(err)
}

func printAccountTypes(w io.Writer) {
	for _, a := range ukg.AccountTypes {
		marker := ""
		if a.ID == ukg.DefaultAccountTypeID {
			marker = " (default)"
		}
		fmt.Fprintf(w, "%-11s %s%s\n            identity host %s; %s\n", a.ID, a.Label, marker, a.IdentityHost, a.Description)
	}
}
