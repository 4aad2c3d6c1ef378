package cli

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/ukglink/ukglink/backend/bundle"
)

// checkReason rejects --reason without --no-verify, because a verified
// bundle records its report instead of a reason.
func checkReason(sf sealFlags) error {
	if sf.reason != "" && !sf.noVerify {
		return usageError(errors.New("--reason is only for bundles sealed with --no-verify"),
			"add --no-verify to seal without verifying, or leave out --reason")
	}
	return nil
}

// demoKeyHelp returns the help text on the demo key, with its path.
func demoKeyHelp() string {
	path := bundle.DemoIdentityPath()
	return "\n--demo-key seals to the demo key pair of this machine, kept in\n  " + path +
		"\nOpen such a bundle here with:\n  ukglink open -i " + path + " FILE\n"
}

// lifetimeValue is the --lifetime flag: whole days such as "30d", or any
// duration that time.ParseDuration accepts.
type lifetimeValue time.Duration

func (l *lifetimeValue) String() string {
	d := time.Duration(*l)
	if d > 0 && d%(24*time.Hour) == 0 {
		return strconv.FormatInt(int64(d/(24*time.Hour)), 10) + "d"
	}
	return d.String()
}

func (l *lifetimeValue) Set(value string) error {
	if days, found := strings.CutSuffix(value, "d"); found {
		n, err := strconv.Atoi(days)
		if err != nil || n <= 0 {
			return errors.New("use whole days such as 30d, or a duration such as 72h")
		}
		*l = lifetimeValue(time.Duration(n) * 24 * time.Hour)
		return nil
	}
	d, err := time.ParseDuration(value)
	if err != nil {
		return errors.New("use whole days such as 30d, or a duration such as 72h")
	}
	*l = lifetimeValue(d)
	return nil
}
