package bundle

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// checkOpenError checks that err is an *OpenError matching want and no other
// sentinel, with want's message, and without the secret in any text.
func checkOpenError(t *testing.T, err, want error) {
	t.Helper()
	if err == nil {
		t.Fatalf("Open succeeded, want %v", want)
	}
	matched := matchedSentinels(err)
	if len(matched) != 1 || matched[0] != want {
		t.Fatalf("Open error %q (%v) matches %v, want exactly %v", err, detailOf(err), matched, want)
	}
	if err.Error() != want.Error() {
		t.Errorf("message = %q, want %q", err, want)
	}

	var oerr *OpenError
	if !errors.As(err, &oerr) {
		t.Fatalf("Open error is %T, want *OpenError", err)
	}
	if strings.Contains(oerr.Detail, testSecret) || strings.Contains(err.Error(), testSecret) {
		t.Errorf("error text contains the client secret")
	}
}

func detailOf(err error) string {
	var oerr *OpenError
	if errors.As(err, &oerr) {
		return oerr.Detail
	}
	return ""
}

func TestOpenWrongKey(t *testing.T) {
	other, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	opts := OpenOptions{Identities: []age.Identity{other}, Now: fixedClock(testNow)}
	_, err = Open(bytes.NewReader(sealTest(t, testContents())), opts)

	checkOpenError(t, err, ErrWrongKey)
	if !strings.Contains(err.Error(), "not sealed for this key") {
		t.Errorf("message %q does not say the bundle was not sealed for this key", err)
	}
	var noMatch *age.NoIdentityMatchError
	if !errors.As(err, &noMatch) {
		t.Errorf("wrong-key error does not wrap *age.NoIdentityMatchError")
	}
}

func TestOpenPassphraseFile(t *testing.T) {
	r, err := age.NewScryptRecipient("a passphrase")
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(10)
	var buf bytes.Buffer
	if err := sealPlaintext(&buf, []byte("{}"), []age.Recipient{r}); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte(sizeStanzaType)) {
		t.Errorf("passphrase file has a %s stanza", sizeStanzaType)
	}
	_, err = openTest(t, buf.Bytes(), testNow)
	checkOpenError(t, err, ErrWrongKey)
}

// TestOpenTruncatedEveryLength cuts a bundle at every length, inside the
// header, the nonce and the payload.
func TestOpenTruncatedEveryLength(t *testing.T) {
	file := sealTest(t, testContents())
	for n := 0; n < len(file); n++ {
		_, err := openTest(t, file[:n], testNow)
		if !errors.Is(err, ErrTruncated) {
			t.Fatalf("Open of the first %d of %d bytes: got %v (%s), want ErrTruncated",
				n, len(file), err, detailOf(err))
		}
	}
	_, err := openTest(t, file[:len(file)-1], testNow)
	checkOpenError(t, err, ErrTruncated)
}

func TestOpenTamperedPayloadEveryByte(t *testing.T) {
	file := sealTest(t, testContents())
	header, ok := headerBytes(file)
	if !ok {
		t.Fatal("sealed bundle has no header MAC line")
	}
	for i := len(header); i < len(file); i++ {
		changed := bytes.Clone(file)
		changed[i] ^= 0x01
		_, err := openTest(t, changed, testNow)
		if !errors.Is(err, ErrTampered) {
			t.Fatalf("Open with byte %d of %d flipped: got %v (%s), want ErrTampered",
				i, len(file), err, detailOf(err))
		}
	}
}

func TestOpenTamperedHeader(t *testing.T) {
	file := sealTest(t, testContents())
	header, _ := headerBytes(file)
	sizeLine := bytes.Index(header, []byte("-> "+sizeStanzaType+" "))
	if sizeLine < 0 {
		t.Fatalf("header lacks the %s stanza:\n%s", sizeStanzaType, header)
	}
	macLine := bytes.Index(header, []byte("\n--- ")) + len("\n--- ")

	tests := []struct {
		name string
		at   int
	}{
		{"size stanza value", sizeLine + len("-> "+sizeStanzaType+" ")},
		{"size stanza type", sizeLine + len("-> ")},
		{"first MAC character", macLine},
		{"last MAC character", len(header) - 2},
		{"intro version", len("age-encryption.org/v")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changed := bytes.Clone(file)
			changed[tt.at] ^= 0x01
			_, err := openTest(t, changed, testNow)
			checkOpenError(t, err, ErrTampered)
			if !strings.Contains(err.Error(), "changed after it was sealed") {
				t.Errorf("message %q does not say the file was changed", err)
			}
		})
	}
}

func TestOpenTrailingData(t *testing.T) {
	file := append(sealTest(t, testContents()), 0)
	_, err := openTest(t, file, testNow)
	checkOpenError(t, err, ErrTampered)
}

// TestOpenEveryByteFlipped checks that no one-byte change opens, and that
// every rejection is a sentinel, across the whole file.
func TestOpenEveryByteFlipped(t *testing.T) {
	file := sealTest(t, testContents())
	for i := range file {
		changed := bytes.Clone(file)
		changed[i] ^= 0x20
		_, err := openTest(t, changed, testNow)
		if len(matchedSentinels(err)) != 1 {
			t.Fatalf("Open with byte %d flipped: got %v, want exactly one sentinel", i, err)
		}
	}
}

func TestOpenUnknownFormat(t *testing.T) {
	_, err := openTest(t, sealRaw(t, []byte(`{"format_version":2,"client_secret":"`+testSecret+`"}`)), testNow)
	checkOpenError(t, err, ErrUnknownFormat)
	if !strings.Contains(err.Error(), "update the app") {
		t.Errorf("message %q does not tell the user to update the app", err)
	}
	if d := detailOf(err); !strings.Contains(d, "format_version 2") {
		t.Errorf("detail %q does not name format_version 2", d)
	}
}

func TestOpenNotBundlePayload(t *testing.T) {
	tests := map[string]string{
		"not JSON":           "client_secret=" + testSecret,
		"JSON array":         `["` + testSecret + `"]`,
		"no version":         `{"client_secret":"` + testSecret + `"}`,
		"version zero":       `{"format_version":0}`,
		"version not number": `{"format_version":"1"}`,
		"version fraction":   `{"format_version":1.5}`,
		"no secret":          `{"format_version":1,"bundle_id":"x","created_at":"2026-01-05T10:00:00Z","expires_at":"2027-01-05T10:00:00Z"}`,
		"no expiry":          `{"format_version":1,"bundle_id":"x","created_at":"2026-01-05T10:00:00Z","client_secret":"s"}`,
		"secret not string":  `{"format_version":1,"client_secret":["` + testSecret + `"]}`,
		"bad time":           `{"format_version":1,"created_at":"` + testSecret + `"}`,
	}
	for name, plain := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := openTest(t, sealRaw(t, []byte(plain)), testNow)
			checkOpenError(t, err, ErrNotBundle)
		})
	}
}

func TestOpenNotAgeFile(t *testing.T) {
	var armoredText bytes.Buffer
	w := armor.NewWriter(&armoredText)
	w.Write([]byte("hello, this is a text file\n"))
	w.Close()

	tests := map[string][]byte{
		"text":         []byte("hello, this is a text file\n"),
		"png":          {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
		"json":         []byte(`{"format_version":1}`),
		"armored text": armoredText.Bytes(),
		"age prefix":   []byte("age-encryption.org\n"),
	}
	for name, file := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := openTest(t, file, testNow)
			checkOpenError(t, err, ErrNotBundle)
		})
	}
}

func TestOpenTooLarge(t *testing.T) {
	file := append(sealTest(t, testContents()), make([]byte, MaxFileSize)...)
	_, err := openTest(t, file, testNow)
	checkOpenError(t, err, ErrNotBundle)
}

func TestOpenExpired(t *testing.T) {
	file := sealTest(t, testContents())
	expiry := testNow.Add(DefaultLifetime)
	tests := []struct {
		name         string
		now          time.Time
		allowExpired bool
		wantErr      error
	}{
		{name: "second before expiry", now: expiry.Add(-time.Second)},
		{name: "at expiry", now: expiry, wantErr: ErrExpired},
		{name: "after expiry", now: expiry.Add(time.Hour), wantErr: ErrExpired},
		{name: "after expiry allowed", now: expiry.Add(time.Hour), allowExpired: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := OpenOptions{
				Identities:   []age.Identity{testIdentity(t)},
				Now:          fixedClock(tt.now),
				AllowExpired: tt.allowExpired,
			}
			_, err := Open(bytes.NewReader(file), opts)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				return
			}
			checkOpenError(t, err, tt.wantErr)
			if d := detailOf(err); !strings.Contains(d, expiry.Format(time.RFC3339)) {
				t.Errorf("detail %q does not name the expiry time", d)
			}
		})
	}
}

func TestOpenReadError(t *testing.T) {
	r := iotest.TimeoutReader(bytes.NewReader(sealTest(t, testContents())))
	_, err := Open(r, OpenOptions{Identities: []age.Identity{testIdentity(t)}})
	if err == nil || !errors.Is(err, iotest.ErrTimeout) {
		t.Fatalf("Open: got %v, want the reader's error", err)
	}
	if len(matchedSentinels(err)) != 0 {
		t.Errorf("read error %v matches a sentinel, want none", err)
	}
}

func TestOpenNoIdentities(t *testing.T) {
	_, err := Open(bytes.NewReader(sealTest(t, testContents())), OpenOptions{})
	if err == nil {
		t.Fatal("Open without identities succeeded")
	}
}

func TestSentinelMessagesSayWhatToDo(t *testing.T) {
	for _, s := range sentinels {
		msg := s.Error()
		if !strings.Contains(msg, ", so ") {
			t.Errorf("%q does not say what to do next", msg)
		}
		if strings.HasSuffix(msg, ".") || msg != strings.ToLower(msg[:1])+msg[1:] {
			t.Errorf("%q should start lower case and have no final period", msg)
		}
	}
}
