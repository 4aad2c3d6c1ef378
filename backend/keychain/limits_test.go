package keychain

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/ukglink/ukglink/backend/secret"
)

func TestMaxSecretBytes(t *testing.T) {
	long := strings.Repeat("p", 64)
	cases := []struct {
		goos, user string
		want       int
	}{
		{"windows", "acme", 2560},
		{"windows", long, 2560},
		{"darwin", "acme", 3021},
		{"darwin", long, 2976},
		{"linux", "acme", 64 << 10},
		{"freebsd", "acme", 64 << 10},
	}
	for _, tc := range cases {
		if got := maxSecretBytes(tc.goos, tc.user); got != tc.want {
			t.Errorf("maxSecretBytes(%s, %d-byte user) = %d, want %d", tc.goos, len(tc.user), got, tc.want)
		}
	}
}

// TestMacLimitMatchesGoKeyring rebuilds the command that go-keyring v0.2.8
// sends to "security -i" and checks that the limit is the largest secret
// whose command fits in 4096 bytes.
func TestMacLimitMatchesGoKeyring(t *testing.T) {
	for _, user := range []string{"a", "acme", strings.Repeat("p", 64)} {
		max := maxSecretBytes("darwin", user)
		if n := macCommandLen(user, max); n > 4096 {
			t.Errorf("user %q: command for %d bytes is %d long, over 4096", user, max, n)
		}
		if n := macCommandLen(user, max+1); n <= 4096 {
			t.Errorf("user %q: command for %d bytes is %d long, so the limit is too low", user, max+1, n)
		}
	}
}

func macCommandLen(user string, secretLen int) int {
	password := "go-keyring-base64:" + base64.StdEncoding.EncodeToString(make([]byte, secretLen))
	return len("add-generic-password -U -s " + Service + " -a " + user + " -w " + password + "\n")
}

func TestKeychainSizeLimit(t *testing.T) {
	for _, goos := range []string{"windows", "darwin", "linux"} {
		t.Run(goos, func(t *testing.T) {
			b := &fakeBackend{}
			k := fakeKeychain(goos, b)
			max := maxSecretBytes(goos, "acme")
			ctx := context.Background()

			if err := k.Save(ctx, "acme", secret.New(strings.Repeat("s", max))); err != nil {
				t.Errorf("Save of %d bytes: %v", max, err)
			}
			err := k.Save(ctx, "acme", secret.New(strings.Repeat("s", max+1)))
			if !errors.Is(err, ErrTooBig) {
				t.Fatalf("Save of %d bytes: error = %v, want ErrTooBig", max+1, err)
			}
			if b.callCount() != 1 {
				t.Errorf("backend called %d times, want 1", b.callCount())
			}

			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error", err)
			}
			for _, want := range []string{platformName(goos), "at most"} {
				if !strings.Contains(e.Hint, want) || !strings.Contains(e.Error(), want) {
					t.Errorf("hint %q or error %q does not contain %q", e.Hint, e.Error(), want)
				}
			}
		})
	}
}
