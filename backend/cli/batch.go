package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"

	"filippo.io/age"

	"github.com/ukglink/ukglink/backend/buildinfo"
	"github.com/ukglink/ukglink/backend/bundle"
	"github.com/ukglink/ukglink/backend/profile"
	"github.com/ukglink/ukglink/backend/secret"
	"github.com/ukglink/ukglink/backend/ukg"
)

const sealBatchUsage = "--csv PROFILES.csv --secrets SECRETS.csv|- -o DIR [--recipient KEY]... [--demo-key] [--no-verify [--reason TEXT]] [--ukg-endpoint URL]"

// batchColumns are the columns of the profiles CSV; the first row names
// them, in any order. account_type and identity_host may be left out.
var batchColumns = []string{"name", "subdomain", "account_type", "tenant", "client_id", "identity_host"}

// batchRow is one profile of the CSV and what became of it.
type batchRow struct {
	line int
	// lastLine is the last line of a row that spans several, else 0.
	lastLine int
	values   map[string]string
	status   string // "sealed", "invalid", "failed"
	message  string
}

func runSealBatch(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "seal-batch", sealBatchUsage)
	csvPath := fs.String("csv", "", "profiles `FILE` with the columns "+strings.Join(batchColumns, ","))
	secretsPath := fs.String("secrets", "", "`FILE` with the columns name,client_secret (\"-\" for standard input); keep it apart from the profiles CSV")
	var sf sealFlags
	fs.StringVar(&sf.output, "o", "", "write one bundle per row into `DIR`")
	fs.Var(&sf.recipients, "recipient", "age public `KEY` to seal to; repeatable; default: the recruiting product's key")
	fs.BoolVar(&sf.demoKey, "demo-key", false, "seal to this machine's demo key")
	fs.BoolVar(&sf.noVerify, "no-verify", false, "make no network call; each bundle records that verification was not run")
	fs.StringVar(&sf.reason, "reason", "", "with --no-verify: why verification was not run")
	fs.BoolVar(&sf.force, "force", false, "overwrite bundles that exist")
	endpoint := fs.String("ukg-endpoint", "", "loopback `URL` of a UKG simulator to verify against")
	appendHelp(e, fs, demoKeyHelp())
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *csvPath == "" || *secretsPath == "" || sf.output == "" {
		return usageError(errors.New("seal-batch needs --csv, --secrets and -o"), "usage: ukglink seal-batch "+sealBatchUsage)
	}
	if err := checkReason(sf); err != nil {
		return err
	}
	if err := checkSecretsApart(*csvPath, *secretsPath); err != nil {
		return err
	}
	flags := &profileFlags{endpoint: *endpoint}
	resolvedEndpoint, err := flags.resolveEndpoint(e)
	if err != nil {
		return err
	}
	recipients, _, err := sealRecipients(sf)
	if err != nil {
		return err
	}
	rows, err := readBatchCSV(*csvPath)
	if err != nil {
		return err
	}
	secrets, err := readBatchSecrets(e, *secretsPath)
	if err != nil {
		return err
	}
	if err := makeOutputFolder(sf.output); err != nil {
		return err
	}

	job := batchJob{env: e, flags: sf, recipients: recipients, secrets: secrets, endpoint: resolvedEndpoint}
	job.run(ctx, rows)
	printBatchSummary(e.Out, rows)
	return batchExit(rows)
}

// batchJob seals the rows with a few workers.
type batchJob struct {
	env        *env
	flags      sealFlags
	recipients []age.Recipient
	secrets    map[string]secretEntry
	endpoint   string
}

func (j batchJob) run(ctx context.Context, rows []*batchRow) {
	work := make(chan *batchRow)
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for row := range work {
				j.sealRow(ctx, row)
			}
		}()
	}
	for _, row := range rows {
		if row.status == "" {
			work <- row
		}
	}
	close(work)
	wg.Wait()
}

func (j batchJob) sealRow(ctx context.Context, row *batchRow) {
	p, s, err := j.rowProfile(row)
	if err != nil {
		row.status, row.message = "invalid", err.Error()
		return
	}
	path := filepath.Join(j.flags.output, p.Name+bundle.Extension)
	if _, err := os.Stat(path); err == nil && !j.flags.force {
		row.status, row.message = "invalid", path+" already exists (add --force to overwrite)"
		return
	}
	record, err := j.rowVerification(ctx, p, s)
	if err != nil {
		row.status, row.message = "failed", err.Error()
		return
	}
	contents := bundle.Contents{
		FormatVersion: bundle.FormatVersion, AppVersion: buildinfo.Version, Profile: p, ClientSecret: s,
		RequestedScopes: ukg.RequiredScopeNames(), Verification: record,
	}
	if err := bundle.WriteFile(path, contents, bundle.SealOptions{Recipients: j.recipients}); err != nil {
		row.status, row.message = "failed", "write the bundle: "+err.Error()+" ("+writeHint(path, err)+")"
		return
	}
	row.status, row.message = "sealed", path
}

// rowProfile parses the values of one row like the profile flags.
func (j batchJob) rowProfile(row *batchRow) (profile.Profile, secret.Secret, error) {
	v := row.values
	name := strings.TrimSpace(v["name"])
	if err := profile.ValidateName(name); err != nil {
		return profile.Profile{}, secret.Secret{}, err
	}
	flags := &profileFlags{subdomain: v["subdomain"], accountType: v["account_type"], tenant: v["tenant"],
		clientID: v["client_id"], identityHost: v["identity_host"]}
	quiet := j.quietEnv(name)
	p := profile.Profile{Name: name}
	if err := flags.applyValues(quiet, &p, columnNames); err != nil {
		return p, secret.Secret{}, err
	}
	if p.AccountType == "" {
		p.AccountType = ukg.DefaultAccountTypeID
	}
	if missing := missingValues(p, columnNames); len(missing) > 0 {
		return p, secret.Secret{}, fmt.Errorf("missing %s", strings.Join(missing, ", "))
	}
	entry, found := j.secrets[strings.ToLower(name)]
	if !found {
		return p, secret.Secret{}, fmt.Errorf("no client secret for %s in the secrets file", name)
	}
	parsed, err := ukg.ParseClientSecret(entry.value)
	if err != nil {
		return p, secret.Secret{}, err
	}
	return p, parsed.Secret, nil
}

// quietEnv returns the env of one row: no output, and log lines that name
// the row's profile, so that a support snapshot of one profile can leave the
// other rows out.
func (j batchJob) quietEnv(name string) *env {
	return &env{Streams: Streams{Err: io.Discard}, log: j.env.log.With("profile", name), getenv: j.env.getenv}
}

func (j batchJob) rowVerification(ctx context.Context, p profile.Profile, s secret.Secret) (bundle.Verification, error) {
	if j.flags.noVerify {
		reason := j.flags.reason
		if reason == "" {
			reason = "sealed with seal-batch --no-verify (offline preparation)"
		}
		return bundle.Verification{Run: false, NotRunReason: reason}, nil
	}
	report := runVerification(ctx, j.quietEnv(p.Name), p, s, j.endpoint, false)
	if report.Status != "verified" {
		if len(report.Problems) > 0 {
			return bundle.Verification{}, fmt.Errorf("verification failed: %s", report.Problems[0].Code)
		}
		return bundle.Verification{}, fmt.Errorf("verification %s", report.Status)
	}
	raw, err := json.Marshal(report)
	if err != nil {
		return bundle.Verification{}, err
	}
	return bundle.Verification{Run: true, Report: raw}, nil
}

// displayName returns name for the summary table, quoted when it is not a
// valid profile name, so that a line break or tab in it cannot break the table.
func displayName(name string) string {
	if profile.ValidateName(strings.TrimSpace(name)) != nil {
		return strconv.Quote(name)
	}
	return name
}

func printBatchSummary(w io.Writer, rows []*batchRow) {
	counts := map[string]int{}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LINE\tNAME\tSTATUS\tFILE OR PROBLEM")
	for _, row := range rows {
		counts[row.status]++
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", row.lines(), displayName(row.values["name"]), row.status, row.message)
	}
	tw.Flush()
	fmt.Fprintf(w, "%d sealed, %d failed verification, %d invalid, of %d rows\n",
		counts["sealed"], counts["failed"], counts["invalid"], len(rows))
}

// batchExit returns exit 2 when a row was invalid, else 1 when a row failed
// verification, else success.
func batchExit(rows []*batchRow) error {
	invalid, failed := 0, 0
	for _, row := range rows {
		switch row.status {
		case "invalid":
			invalid++
		case "failed":
			failed++
		}
	}
	switch {
	case invalid > 0:
		return &exitError{code: ExitUsage, err: fmt.Errorf("%d of %d rows are invalid", invalid, len(rows)), hints: []string{"fix the rows listed above and run seal-batch again; sealed rows are kept"}}
	case failed > 0:
		return &exitError{code: ExitFailed, err: fmt.Errorf("%d of %d rows failed", failed, len(rows))}
	}
	return nil
}
