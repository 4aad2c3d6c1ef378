package bundle

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"filippo.io/age"
)

func TestPassphraseWordListDistinct(t *testing.T) {
	seen := map[string]bool{}
	for _, w := range passphraseWordList {
		if seen[w] {
			t.Errorf("word %q appears twice", w)
		}
		seen[w] = true
		if w == "" || strings.ContainsAny(w, "- ") {
			t.Errorf("word %q is empty or has a separator", w)
		}
	}
	if len(seen) != 256 {
		t.Errorf("word list has %d distinct words, want 256", len(seen))
	}
}

func TestGeneratePassphrase(t *testing.T) {
	a, err := GeneratePassphrase()
	if err != nil {
		t.Fatal(err)
	}
	b, err := GeneratePassphrase()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(strings.Split(a, "-")); n != PassphraseWords {
		t.Errorf("passphrase has %d words, want %d", n, PassphraseWords)
	}
	if a == b {
		t.Error("two generated passphrases are equal")
	}
	if err := CheckPassphrase(a); err != nil {
		t.Errorf("generated passphrase fails the check: %v", err)
	}
}

func TestCheckPassphraseRejectsShort(t *testing.T) {
	if err := CheckPassphrase("short pass"); err == nil {
		t.Error("a 10-character passphrase was accepted")
	}
	if err := CheckPassphrase(" leading-space-passphrase"); err == nil {
		t.Error("a passphrase with a leading space was accepted")
	}
}

func TestPassphraseRoundTrip(t *testing.T) {
	pass := "amber-bison-cedar-delta-ember"
	r, err := PassphraseRecipient(pass)
	if err != nil {
		t.Fatal(err)
	}
	r.(*age.ScryptRecipient).SetWorkFactor(10)
	opts := testSealOptions(t)
	opts.Recipients = []age.Recipient{r}
	var buf bytes.Buffer
	if err := Seal(&buf, testContents(), opts); err != nil {
		t.Fatal(err)
	}

	info, err := Inspect(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Recipients) != 1 || info.Recipients[0].Type != "scrypt" {
		t.Errorf("recipients = %+v, want one scrypt stanza", info.Recipients)
	}

	id, err := PassphraseIdentity(pass)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Open(bytes.NewReader(buf.Bytes()), OpenOptions{Identities: []age.Identity{id}, Now: fixedClock(testNow)})
	if err != nil {
		t.Fatal(err)
	}
	if !c.ClientSecret.Equal(testContents().ClientSecret) {
		t.Error("secret differs after the round trip")
	}

	wrong, err := PassphraseIdentity("amber-bison-cedar-delta-WRONG")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(bytes.NewReader(buf.Bytes()), OpenOptions{Identities: []age.Identity{wrong}, Now: fixedClock(testNow)})
	if !errors.Is(err, ErrWrongKey) {
		t.Errorf("wrong passphrase error = %v, want ErrWrongKey", err)
	}
}
