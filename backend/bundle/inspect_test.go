package bundle

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/armor"
)

func TestInspectRecordsRecipients(t *testing.T) {
	first, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	second, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	opts := testSealOptions(t)
	opts.Recipients = []age.Recipient{first.Recipient(), second.Recipient()}
	var buf bytes.Buffer
	if err := Seal(&buf, testContents(), opts); err != nil {
		t.Fatal(err)
	}

	info, err := Inspect(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if info.Format != "age-encryption.org/v1" {
		t.Errorf("format = %q", info.Format)
	}
	if info.Armored {
		t.Error("binary bundle reported as armored")
	}
	if info.Size != int64(buf.Len()) {
		t.Errorf("size = %d, want %d", info.Size, buf.Len())
	}
	if info.PlaintextSize <= 0 {
		t.Errorf("plaintext size = %d, want the recorded length", info.PlaintextSize)
	}
	if len(info.Recipients) != 2 {
		t.Fatalf("recipients = %+v, want two", info.Recipients)
	}
	for i, id := range []*age.X25519Identity{first, second} {
		want, err := Fingerprint(id.Recipient().String())
		if err != nil {
			t.Fatal(err)
		}
		if info.Recipients[i].Type != "X25519" {
			t.Errorf("recipient %d type = %q", i, info.Recipients[i].Type)
		}
		if info.Recipients[i].Fingerprint != want {
			t.Errorf("recipient %d fingerprint = %q, want %q", i, info.Recipients[i].Fingerprint, want)
		}
	}
	if got := SealedFor(buf.Bytes()); len(got) != 2 {
		t.Errorf("SealedFor = %v, want two fingerprints", got)
	}
}

func TestInspectRejectsNonBundle(t *testing.T) {
	_, err := Inspect(bytes.NewReader([]byte("PK\x03\x04 a zip file")))
	if !errors.Is(err, ErrNotBundle) {
		t.Errorf("error = %v, want ErrNotBundle", err)
	}
}

func TestInspectTruncatedHeader(t *testing.T) {
	var buf bytes.Buffer
	if err := Seal(&buf, testContents(), testSealOptions(t)); err != nil {
		t.Fatal(err)
	}
	cut := buf.Bytes()[:bytes.Index(buf.Bytes(), []byte("\n--- "))]
	_, err := Inspect(bytes.NewReader(cut))
	if !errors.Is(err, ErrTruncated) {
		t.Errorf("error = %v, want ErrTruncated", err)
	}
}

// sealArmored seals testContents to identity and wraps the bundle in ASCII armor.
func sealArmored(t *testing.T, identity *age.X25519Identity) []byte {
	t.Helper()
	opts := testSealOptions(t)
	opts.Recipients = []age.Recipient{identity.Recipient()}
	var binary bytes.Buffer
	if err := Seal(&binary, testContents(), opts); err != nil {
		t.Fatal(err)
	}
	var armored bytes.Buffer
	w := armor.NewWriter(&armored)
	if _, err := w.Write(binary.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return armored.Bytes()
}

func TestInspectArmored(t *testing.T) {
	identity, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	armored := sealArmored(t, identity)

	info, err := Inspect(bytes.NewReader(armored))
	if err != nil {
		t.Fatal(err)
	}
	if !info.Armored {
		t.Error("armored file not reported as armored")
	}
	if info.Size != int64(len(armored)) {
		t.Errorf("size = %d, want the armored file's %d", info.Size, len(armored))
	}
	want, err := Fingerprint(identity.Recipient().String())
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Recipients) != 1 {
		t.Fatalf("recipients = %+v, want one", info.Recipients)
	}
	if info.Recipients[0].Type != "X25519" || info.Recipients[0].Fingerprint != want {
		t.Errorf("recipient = %+v, want X25519 with fingerprint %s", info.Recipients[0], want)
	}
	if info.PlaintextSize <= 0 {
		t.Errorf("plaintext size = %d, want the recorded length", info.PlaintextSize)
	}
	if len(info.Warnings) != 0 {
		t.Errorf("warnings = %q, want none", info.Warnings)
	}
	if got := SealedFor(armored); len(got) != 1 || got[0] != want {
		t.Errorf("SealedFor = %v, want [%s]", got, want)
	}
}

func TestInspectDamagedArmor(t *testing.T) {
	identity, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	armored := sealArmored(t, identity)
	end := bytes.Index(armored, []byte("-----END"))
	cases := []struct {
		name string
		file []byte
		want error
	}{
		{"end line missing", armored[:end], ErrTruncated},
		{"not base64", bytes.Replace(armored, []byte("\n"), []byte("\n!"), 2), ErrTampered},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			info, err := Inspect(bytes.NewReader(tc.file))
			if !errors.Is(err, tc.want) {
				t.Errorf("error = %v, want %v", err, tc.want)
			}
			if !info.Armored {
				t.Error("damaged armor not reported as armored")
			}
		})
	}
}

func TestInspectRewrappedArmor(t *testing.T) {
	identity, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	armored := sealArmored(t, identity)
	begin := len(armorBegin) + 1
	end := bytes.Index(armored, []byte(armorEnd))
	joined := append(append(bytes.Clone(armored[:begin]),
		bytes.ReplaceAll(armored[begin:end], []byte("\n"), nil)...), armored[end-1:]...)

	info, err := Inspect(bytes.NewReader(bytes.ReplaceAll(joined, []byte("\n"), []byte("\r\n"))))
	if err != nil {
		t.Fatalf("Inspect of joined CRLF armor: %v", err)
	}
	if !info.Armored {
		t.Error("joined armor not reported as armored")
	}
	want, err := Fingerprint(identity.Recipient().String())
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Recipients) != 1 || info.Recipients[0].Fingerprint != want {
		t.Errorf("recipients = %+v, want one with fingerprint %s", info.Recipients, want)
	}
}

func TestInspectWarnsOfPayloadSize(t *testing.T) {
	var buf bytes.Buffer
	if err := Seal(&buf, testContents(), testSealOptions(t)); err != nil {
		t.Fatal(err)
	}
	sealed := buf.Bytes()
	cases := []struct {
		name string
		file []byte
		want string
	}{
		{"cut short", sealed[:len(sealed)-10], "10 bytes shorter than its header records"},
		{"extended", append(append([]byte{}, sealed...), "extra"...), "5 bytes longer than its header records"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			info, err := Inspect(bytes.NewReader(tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(info.Warnings) != 1 || !strings.Contains(info.Warnings[0], tc.want) {
				t.Errorf("warnings = %q, want one containing %q", info.Warnings, tc.want)
			}
		})
	}
}

func TestInspectWarnsOfMissingPayload(t *testing.T) {
	file := stockAgeFile(t)
	// A stock age file has no size stanza: only a payload shorter than a
	// nonce and one tag shows that it was cut.
	header := bytes.Clone(file[:bytes.Index(file, []byte("\n--- "))+1])
	header = append(header, file[len(header):][:bytes.IndexByte(file[len(header):], '\n')+1]...)
	info, err := Inspect(bytes.NewReader(append(header, "short"...)))
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Warnings) != 1 || !strings.Contains(info.Warnings[0], "ends before its encrypted content") {
		t.Errorf("warnings = %q, want the cut-short warning", info.Warnings)
	}
	full, err := Inspect(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Warnings) != 0 {
		t.Errorf("warnings of the whole file = %q, want none", full.Warnings)
	}
}

func TestInspectStockAgeFile(t *testing.T) {
	file := stockAgeFile(t)
	info, err := Inspect(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if info.PlaintextSize != -1 {
		t.Errorf("plaintext size = %d, want -1 for a file without the size stanza", info.PlaintextSize)
	}
	if len(info.Recipients) != 1 || info.Recipients[0].Fingerprint != "" {
		t.Errorf("recipients = %+v, want one X25519 without fingerprint", info.Recipients)
	}
}

// stockAgeFile returns "{}" encrypted the way the stock age tool does it,
// without the size stanza that bundles carry.
func stockAgeFile(t *testing.T) []byte {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, id.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("{}"))
	w.Close()
	return buf.Bytes()
}
