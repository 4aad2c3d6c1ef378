package cli

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

// byteOrderMark starts CSV files that Excel saves as "CSV UTF-8", among others.
const byteOrderMark = "\ufeff"

// secretWords mark a column that holds a secret, which the profiles CSV
// must not have: secrets go in the separate --secrets file.
var secretWords = []string{"secret", "password", "passphrase"}

func (r *batchRow) lines() string {
	if r.lastLine > r.line {
		return fmt.Sprintf("%d-%d", r.line, r.lastLine)
	}
	return strconv.Itoa(r.line)
}

// skipByteOrderMark returns r without a UTF-8 byte order mark at its start.
func skipByteOrderMark(r io.Reader) io.Reader {
	buffered := bufio.NewReader(r)
	if start, err := buffered.Peek(len(byteOrderMark)); err == nil && string(start) == byteOrderMark {
		_, _ = buffered.Discard(len(byteOrderMark))
	}
	return buffered
}

// columnName normalizes a header cell: lower case, no surrounding spaces,
// and "_" for spaces and dashes inside.
func columnName(cell string) string {
	name := strings.ToLower(strings.TrimSpace(cell))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(name)
}

// readBatchCSV reads the profiles CSV. A malformed file is a usage error; a
// bad value in one row is reported for that row later.
func readBatchCSV(path string) ([]*batchRow, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, usageError(fmt.Errorf("open the profiles CSV: %w", err))
	}
	defer file.Close()
	reader := csv.NewReader(skipByteOrderMark(file))
	reader.FieldsPerRecord = -1
	header, err := reader.Read()
	if err != nil {
		return nil, usageError(fmt.Errorf("read the header row of %s: %w", path, err))
	}
	if err := checkHeader(path, header); err != nil {
		return nil, err
	}

	rows, err := readBatchRows(path, reader, header)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, usageError(fmt.Errorf("%s has no rows, only the header", path),
			"add one row per profile below the header row")
	}
	rejectDuplicateNames(rows)
	return rows, nil
}

// checkHeader normalizes header in place and checks its columns.
func checkHeader(path string, header []string) error {
	for i := range header {
		header[i] = columnName(header[i])
	}
	for _, column := range header {
		for _, word := range secretWords {
			if strings.Contains(column, word) {
				return usageError(fmt.Errorf("%s has a %q column, but the profiles CSV must not contain secrets", path, column),
					"move the client secrets to a separate name,client_secret file and give it with --secrets",
					"then delete the column, and any copy of the file that still has it")
			}
		}
	}
	for _, required := range []string{"name", "subdomain", "tenant", "client_id"} {
		if !slices.Contains(header, required) {
			return usageError(fmt.Errorf("%s has no %q column", path, required),
				"the first row names the columns: "+strings.Join(batchColumns, ","))
		}
	}
	return nil
}

// readBatchRows reads the rows after the header. A row that is not valid
// CSV becomes an invalid row. An unclosed quote makes encoding/csv read to
// the end of the file, so that row names every line it swallowed.
func readBatchRows(path string, reader *csv.Reader, header []string) ([]*batchRow, error) {
	var rows []*batchRow
	for {
		record, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		row := &batchRow{values: map[string]string{}}
		rows = append(rows, row)
		var parseErr *csv.ParseError
		if errors.As(err, &parseErr) {
			row.line, row.lastLine = parseErr.StartLine, parseErr.Line
			row.status, row.message = "invalid", csvRowProblem(parseErr)
			continue
		}
		if err != nil {
			return nil, failure(fmt.Errorf("read %s: %w", path, err))
		}
		row.line, _ = reader.FieldPos(0)
		lastLine, _ := reader.FieldPos(len(record) - 1)
		if lastLine > row.line {
			row.lastLine = lastLine
		}
		for i, value := range record {
			if i < len(header) {
				row.values[header[i]] = value
			}
		}
	}
}

func csvRowProblem(err *csv.ParseError) string {
	if errors.Is(err.Err, csv.ErrQuote) && err.Line > err.StartLine {
		return fmt.Sprintf("the quoted value that starts on line %d is not closed, so lines %d to %d "+
			"were read as one value: close the quote or remove it", err.StartLine, err.StartLine, err.Line)
	}
	return "the row cannot be read as CSV: " + err.Error()
}

// rejectDuplicateNames marks every readable row whose name another row
// also has, ignoring case, as invalid. Names become file names, and two rows
// with one name would write one bundle with either row's contents.
func rejectDuplicateNames(rows []*batchRow) {
	byName := map[string][]*batchRow{}
	for _, row := range rows {
		name := strings.ToLower(strings.TrimSpace(row.values["name"]))
		if row.status == "" && name != "" {
			byName[name] = append(byName[name], row)
		}
	}
	for _, group := range byName {
		if len(group) < 2 {
			continue
		}
		lines := make([]string, len(group))
		for i, row := range group {
			lines[i] = row.lines()
		}
		for _, row := range group {
			row.status = "invalid"
			row.message = fmt.Sprintf("the name is on lines %s, so give each row its own name "+
				"(names ignore case, since each names a bundle file)", joinAnd(lines))
		}
	}
}

func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// secretEntry is one client secret of the secrets file and its line.
type secretEntry struct {
	value string
	line  int
}

// readBatchSecrets reads name,client_secret rows into a map keyed by the
// lower-case name. Errors name lines, never values.
func readBatchSecrets(e *env, path string) (map[string]secretEntry, error) {
	var in io.Reader = e.In
	if path != "-" {
		file, err := os.Open(path)
		if err != nil {
			return nil, usageError(namedFileError("--secrets", err))
		}
		defer file.Close()
		in = file
	}
	reader := csv.NewReader(skipByteOrderMark(io.LimitReader(in, 16<<20)))
	reader.FieldsPerRecord = 2
	secrets := map[string]secretEntry{}
	first := true
	for {
		record, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return secrets, nil
		}
		if err != nil {
			// The csv error names the line, never the value.
			return nil, usageError(fmt.Errorf("read the secrets file: %w", err), "each line is name,client_secret")
		}
		line, _ := reader.FieldPos(0)
		name := strings.TrimSpace(record[0])
		if first && columnName(name) == "name" {
			first = false
			continue
		}
		first = false
		key := strings.ToLower(name)
		if earlier, found := secrets[key]; found {
			// The name is left out in case the columns are swapped and it is a secret.
			return nil, usageError(fmt.Errorf("lines %d and %d of the secrets file have the same name", earlier.line, line),
				"keep one client secret per name (names ignore case)")
		}
		secrets[key] = secretEntry{value: record[1], line: line}
	}
}

// checkSecretsApart rejects a secrets file that is the profiles CSV itself.
func checkSecretsApart(csvPath, secretsPath string) error {
	if secretsPath == "-" {
		return nil
	}
	csvInfo, csvErr := os.Stat(csvPath)
	secretsInfo, secretsErr := os.Stat(secretsPath)
	if csvErr != nil || secretsErr != nil || !os.SameFile(csvInfo, secretsInfo) {
		return nil
	}
	return usageError(errors.New("--secrets names the same file as --csv"),
		"keep the client secrets in a separate name,client_secret file")
}

// makeOutputFolder creates the folder for the bundles, readable only by
// the user, when it does not exist.
func makeOutputFolder(dir string) error {
	info, err := os.Stat(dir)
	if err == nil && !info.IsDir() {
		return usageError(fmt.Errorf("%s is a file, not a folder", dir), "give a folder for -o")
	}
	if err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return failure(fmt.Errorf("create the folder for the bundles: %w", err))
	}
	return nil
}
