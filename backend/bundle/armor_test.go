package bundle

import (
	"bytes"
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"

	"filippo.io/age/armor"
)

// armorOf returns data ASCII-armored by filippo.io/age/armor.
func armorOf(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := armor.NewWriter(&buf)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// armorBody splits armored text into its first line, its base64 lines and
// its last line.
func armorBody(t testing.TB, armored []byte) (string, []string, string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(string(armored)), "\n")
	if len(lines) < 2 || lines[0] != armorBegin || lines[len(lines)-1] != armorEnd {
		t.Fatalf("unexpected armor:\n%s", armored)
	}
	return lines[0], lines[1 : len(lines)-1], lines[len(lines)-1]
}

// rewrap joins the base64 lines and cuts them into lines of width columns.
func rewrap(body []string, width int) []string {
	joined := strings.Join(body, "")
	var lines []string
	for len(joined) > width {
		lines = append(lines, joined[:width])
		joined = joined[width:]
	}
	if joined != "" {
		lines = append(lines, joined)
	}
	return lines
}

// manglings are what mail clients and editors do to armored text.
var manglings = map[string]func(first string, body []string, last string) string{
	"unchanged": func(first string, body []string, last string) string {
		return first + "\n" + strings.Join(body, "\n") + "\n" + last + "\n"
	},
	"CRLF": func(first string, body []string, last string) string {
		return first + "\r\n" + strings.Join(body, "\r\n") + "\r\n" + last + "\r\n"
	},
	"joined lines": func(first string, body []string, last string) string {
		return first + "\n" + strings.Join(body, "") + "\n" + last
	},
	"re-wrapped at 76 columns, CRLF": func(first string, body []string, last string) string {
		return first + "\r\n" + strings.Join(rewrap(body, 76), "\r\n") + "\r\n" + last + "\r\n"
	},
	"re-wrapped at 40 columns, indented": func(first string, body []string, last string) string {
		return "  " + first + "\n    " + strings.Join(rewrap(body, 40), " \n    ") + "\n  " + last + "  \n\n"
	},
	"BOM and blank lines first": func(first string, body []string, last string) string {
		return "\ufeff\r\n\r\n" + first + "\r\n" + strings.Join(body, "\r\n") + "\r\n" + last
	},
	"one line": func(first string, body []string, last string) string {
		return first + " " + strings.Join(body, " ") + " " + last
	},
}

func TestDearmorPayloadLengths(t *testing.T) {
	random := rand.New(rand.NewPCG(1, 2))
	for n := 0; n <= 200; n++ {
		payload := make([]byte, n)
		for i := range payload {
			payload[i] = byte(random.UintN(256))
		}
		first, body, last := armorBody(t, armorOf(t, payload))
		for name, mangle := range manglings {
			got, armored, err := Dearmor([]byte(mangle(first, body, last)))
			if err != nil {
				t.Errorf("%d bytes, %s: %v (%s)", n, name, err, err.Detail)
				continue
			}
			if !armored {
				t.Errorf("%d bytes, %s: not recognized as armored", n, name)
			}
			if !bytes.Equal(got, payload) {
				t.Errorf("%d bytes, %s: payload differs", n, name)
			}
		}
	}
}

func TestDearmorLeavesBinaryAlone(t *testing.T) {
	file := sealTest(t, testContents())
	got, armored, err := Dearmor(file)
	if err != nil {
		t.Fatal(err)
	}
	if armored {
		t.Error("a binary bundle was reported as armored")
	}
	if !bytes.Equal(got, file) {
		t.Error("Dearmor changed a binary bundle")
	}
}

func TestOpenArmoredBundle(t *testing.T) {
	first, body, last := armorBody(t, armorOf(t, sealTest(t, testContents())))
	for name, mangle := range manglings {
		t.Run(name, func(t *testing.T) {
			c, err := openTest(t, []byte(mangle(first, body, last)), testNow)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if c.Profile != testContents().Profile {
				t.Errorf("profile = %+v, want %+v", c.Profile, testContents().Profile)
			}
			if c.ClientSecret.Reveal() != testSecret {
				t.Error("the secret differs from the sealed one")
			}
		})
	}
}

func TestOpenArmoredAltered(t *testing.T) {
	armored := string(armorOf(t, sealTest(t, testContents())))
	first, body, last := armorBody(t, []byte(armored))
	lastLine := len(body) - 1

	// A different base64 letter in the last line changes the payload's
	// final chunk, which age authenticates.
	changed := append([]string{}, body...)
	line := []byte(changed[lastLine])
	line[0] = otherBase64Letter(line[0])
	changed[lastLine] = string(line)
	_, err := openTest(t, []byte(first+"\n"+strings.Join(changed, "\n")+"\n"+last+"\n"), testNow)
	checkOpenError(t, err, ErrTampered)

	notBase64 := strings.Replace(armored, body[lastLine], "!"+body[lastLine][1:], 1)
	_, err = openTest(t, []byte(notBase64), testNow)
	checkOpenError(t, err, ErrTampered)

	withoutEnd := strings.Replace(armored, last, "", 1)
	_, err = openTest(t, []byte(withoutEnd), testNow)
	checkOpenError(t, err, ErrTruncated)

	textAfter := armored + "-- \nSent from my phone\n"
	_, err = openTest(t, []byte(textAfter), testNow)
	checkOpenError(t, err, ErrTampered)
}

// TestOpenArmoredEveryLetterChanged changes each base64 letter of an
// armored bundle in turn: none of the changed files may open.
func TestOpenArmoredEveryLetterChanged(t *testing.T) {
	armored := armorOf(t, sealTest(t, testContents()))
	start := len(armorBegin) + 1
	end := bytes.Index(armored, []byte(armorEnd))
	for i := start; i < end; i++ {
		if armored[i] == '\n' || armored[i] == '=' {
			continue
		}
		file := bytes.Clone(armored)
		file[i] = otherBase64Letter(file[i])
		if _, err := openTest(t, file, testNow); err == nil {
			t.Fatalf("Open succeeded with letter %d changed", i)
		} else if _, ok := err.(*OpenError); !ok {
			t.Fatalf("letter %d changed: error %T, want *OpenError", i, err)
		}
	}
}

// otherBase64Letter returns a base64 letter other than c.
func otherBase64Letter(c byte) byte {
	if c == 'A' {
		return 'B'
	}
	return 'A'
}

// TestOpenStockAgeArmored opens a bundle payload that the stock age tool
// encrypted with -a, after a Windows editor turned its line endings into CRLF.
func TestOpenStockAgeArmored(t *testing.T) {
	ageTool := requireAgeTool(t)
	plain, err := decryptTest(t, sealTest(t, testContents()))
	if err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(ageTool, "-a", "-r", testIdentity(t).Recipient().String())
	cmd.Stdin = bytes.NewReader(plain)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("age -a -r: %v: %s", err, stderr.String())
	}
	crlf := bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))

	got, err := openTest(t, crlf, testNow)
	if err != nil {
		t.Fatalf("Open of an age -a file with CRLF line endings: %v", err)
	}
	if got.Profile != testContents().Profile {
		t.Errorf("profile = %+v, want %+v", got.Profile, testContents().Profile)
	}
}
