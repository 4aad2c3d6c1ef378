package bundle

import (
	"bytes"
	"errors"
	"testing"

	"filippo.io/age"
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

func TestInspectArmored(t *testing.T) {
	info, err := Inspect(bytes.NewReader([]byte(armorHeader + "\nYWdl\n-----END AGE ENCRYPTED FILE-----\n")))
	if err != nil {
		t.Fatal(err)
	}
	if !info.Armored {
		t.Error("armored file not reported as armored")
	}
}

func TestInspectStockAgeFile(t *testing.T) {
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
	info, err := Inspect(bytes.NewReader(buf.Bytes()))
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
