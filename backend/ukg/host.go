package ukg

import (
	"net"
	"path"
	"strconv"
	"strings"
)

// maxHostLength is the DNS limit on a host name without its trailing dot
// (RFC 1035, section 2.3.4).
const maxHostLength = 253

// maxLabelLength is the DNS limit on one label.
const maxLabelLength = 63

// NormalizeHost returns host in lower case without one trailing dot. It
// rejects anything but a plain DNS name of ASCII letters, digits, hyphens and
// dots: ports, user info ("user@host"), IP literals, percent-encoding,
// backslashes, whitespace, non-ASCII characters and punycode ("xn--") labels.
// Errors are *FieldError with an empty Field.
func NormalizeHost(host string) (string, error) {
	normalized, err := normalizeHost("", host)
	if err != nil {
		return "", err
	}
	return normalized, nil
}

// normalizeHost is NormalizeHost for one field. Error positions count from
// the start of host.
func normalizeHost(field, host string) (string, *FieldError) {
	host, err := cleanHost(field, host)
	if err != nil {
		return "", err
	}
	if looksLikeIPv4(host) {
		return "", fieldError(field, "ip_literal", 0,
			"%q is an IP address. Enter the UKG host name, such as %s.", host, hostExample(field))
	}
	return host, nil
}

// cleanHost checks the characters and labels of host, strips one trailing
// dot and lower-cases it. It accepts a single label.
func cleanHost(field, host string) (string, *FieldError) {
	if host == "" {
		return "", fieldError(field, "empty", 0, "The host name is empty.")
	}
	if err := checkHostRunes(field, host); err != nil {
		return "", err
	}

	name := strings.ToLower(strings.TrimSuffix(host, "."))
	if len(name) > maxHostLength {
		return "", fieldError(field, "too_long", 0,
			"The host name is %d characters long, but a host name has at most %d.", len(name), maxHostLength)
	}
	for _, label := range strings.Split(name, ".") {
		if err := checkLabel(field, host, label); err != nil {
			return "", err
		}
	}
	return name, nil
}

// checkHostRunes rejects the first character of host that a DNS name cannot
// contain, and names the likely mistake behind it.
func checkHostRunes(field, host string) *FieldError {
	if i := strings.IndexByte(host, '\\'); i >= 0 {
		// The host is not quoted: a user name and password may precede "@".
		return fieldError(field, "backslash", runeOffset(host, i)+1,
			"The host name contains a backslash. Some programs read a backslash "+
				"as \"/\", which changes the host, so enter only the host name, "+
				"such as %s.", hostExample(field))
	}
	if i := strings.IndexByte(host, '@'); i >= 0 {
		// The part before "@" is not quoted: it may contain a password.
		return fieldError(field, "userinfo", runeOffset(host, i)+1,
			"The host name contains \"@\", so the part before it is a user name "+
				"and the address leads to %q. "+
				"Enter only the host name, such as %s.",
			host[strings.LastIndexByte(host, '@')+1:], hostExample(field))
	}

	bad, found := findBadRune(host, isHostRune)
	if !found {
		return nil
	}
	switch bad.r {
	case ':', '[', ']':
		return colonError(field, host, bad.position)
	case '%':
		return fieldError(field, "percent_encoded", bad.position,
			"The host name %q contains percent-encoding at position %d. Type the "+
				"host name in plain letters, such as %s.",
			host, bad.position, hostExample(field))
	case '/', '?', '#':
		return fieldError(field, "invalid_character", bad.position,
			"The host name %q contains %q at position %d. Enter only the host "+
				"name, without a path, such as %s.",
			host, string(bad.r), bad.position, hostExample(field))
	}
	return badHostRune(field, host, bad)
}

// hostExample returns the host that messages about field show as an
// example: a web-service host for the subdomain field, else an identity host.
func hostExample(field string) string {
	if field == FieldSubdomain {
		return ExampleServiceHost
	}
	return ExampleIdentityHost
}

func isHostRune(r rune) bool {
	return isLetter(r) || isDigit(r) || r == '-' || r == '.'
}

// colonError explains a ":" or bracket in host: an IPv6 literal or a port.
func colonError(field, host string, position int) *FieldError {
	bare := strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.HasPrefix(host, "[") || net.ParseIP(bare) != nil {
		return fieldError(field, "ip_literal", position,
			"%q is an IP address. Enter the UKG host name, such as %s.", host, hostExample(field))
	}
	i := strings.IndexByte(host, ':')
	if i < 0 {
		return fieldError(field, "invalid_character", position,
			"The host name %q contains a bracket at position %d. Enter only the "+
				"host name, such as %s.", host, position, hostExample(field))
	}
	return fieldError(field, "port", position,
		"The host name %q includes the port %q. Remove the port, because UKG "+
			"hosts use the standard HTTPS port.",
		host, host[i:])
}

func badHostRune(field, host string, bad badRune) *FieldError {
	code := bad.code()
	if code == "non_ascii" {
		return fieldError(field, code, bad.position,
			"The host name %q contains %s at position %d. UKG host names use only "+
				"ASCII letters, digits, dots and hyphens, "+
				"and a look-alike letter leads to a different host, so type the host name by hand.",
			host, bad.describe(), bad.position)
	}
	return fieldError(field, code, bad.position,
		"The host name %q contains %s at position %d. A host name has only "+
			"letters, digits, dots and hyphens, such as %s.",
		host, bad.describe(), bad.position, hostExample(field))
}

// checkLabel checks one label of host for the DNS rules: 1 to 63
// characters, no hyphen at either end and no punycode.
func checkLabel(field, host, label string) *FieldError {
	switch {
	case label == "":
		return fieldError(field, "empty_label", 0,
			"The host name %q has an empty part between dots. Check for a doubled "+
				"dot or a dot at the start.", host)
	case len(label) > maxLabelLength:
		return fieldError(field, "label_too_long", 0,
			"The part %q of the host name has %d characters, but a part has at "+
				"most %d.", label, len(label), maxLabelLength)
	case strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-"):
		return fieldError(field, "invalid_label", 0,
			"The part %q of the host name starts or ends with a hyphen, which host "+
				"names do not allow.", label)
	case strings.HasPrefix(label, "xn--"):
		return fieldError(field, "punycode", 0,
			"The host name %q contains %q, the encoded form of a non-ASCII name. "+
				"UKG host names are plain ASCII, so type the host name by hand.", host, label)
	}
	return nil
}

// looksLikeIPv4 reports whether a URL parser could read host as an IPv4
// address: a last label of digits only, or "0x" and hex digits (as in
// 127.0.0.1, 127.1 or 0x7f000001). No top-level domain has that shape.
func looksLikeIPv4(host string) bool {
	last := host[strings.LastIndexByte(host, '.')+1:]
	if strings.HasPrefix(last, "0x") {
		return strings.Trim(last[2:], "0123456789abcdef") == ""
	}
	return strings.Trim(last, "0123456789") == ""
}

// IsUKGHost reports whether host is one or more labels followed by one of
// Domains, after NormalizeHost. A host that NormalizeHost rejects is not a
// UKG host.
func IsUKGHost(host string) bool {
	normalized, err := normalizeHost("", host)
	if err != nil {
		return false
	}
	domain, ok := domainOf(normalized)
	return ok && normalized != domain
}

// domainOf returns the entry of Domains that host is or ends with.
func domainOf(host string) (string, bool) {
	for _, domain := range Domains {
		if host == domain || strings.HasSuffix(host, "."+domain) {
			return domain, true
		}
	}
	return "", false
}

// matchNotServiceHost returns the entry of NotServiceHosts that host matches.
func matchNotServiceHost(host string) (HostPattern, bool) {
	for _, p := range NotServiceHosts {
		if ok, _ := path.Match(p.Pattern, host); ok {
			return p, true
		}
	}
	return HostPattern{}, false
}

// address is a pasted host or URL split into its parts. Nothing in it is
// validated yet.
type address struct {
	// scheme is "http", "https" or "" when the input had none.
	scheme string
	host   string
	// hostStart is the byte index of host within the parsed string.
	hostStart int
	// path excludes the query and the fragment.
	path      string
	pathStart int
	// isURL marks an input with a scheme, a leading "//" or a path.
	isURL bool
}

// splitAddress splits s into scheme, host and path. The host ends at the
// first "/", "?" or "#", as in a URL parser. Browsers read a backslash as
// "/", but here it stays in the host, so the host check rejects it.
func splitAddress(field, s string) (address, *FieldError) {
	var a address
	rest := s
	if prefix, ok := malformedScheme(s); ok {
		return address{}, fieldError(field, "malformed_scheme", 1,
			"The address starts with %q, which is not a complete scheme. Write "+
				"https:// with a colon and two slashes, or enter only %s.", prefix, valueHint(field))
	}
	if i := strings.Index(s, "://"); i >= 0 && isScheme(s[:i]) {
		a.scheme = strings.ToLower(s[:i])
		if a.scheme != "https" && a.scheme != "http" {
			return address{}, fieldError(field, "unsupported_scheme", 1,
				"The address starts with %q. Paste an https:// or http:// address, or "+
					"enter only %s.", s[:i+3], valueHint(field))
		}
		rest = s[i+3:]
		a.isURL = true
	} else if strings.HasPrefix(s, "//") {
		rest = s[2:]
		a.isURL = true
	}

	a.hostStart = len(s) - len(rest)
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		a.host = rest
		return a, nil
	}
	a.host = rest[:end]
	a.pathStart = a.hostStart + end
	a.path = s[a.pathStart:]
	if q := strings.IndexAny(a.path, "?#"); q >= 0 {
		a.path = a.path[:q]
	}
	a.isURL = true
	return a, nil
}

// malformedScheme returns the start of s when "http" or "https" begins s
// and is followed by a broken "://": a colon with too few or too many
// slashes, or two or more slashes without the colon ("https:/", "https:",
// "https//"). A URL parser reads such a start as a host or a path, so the
// real host would be lost.
func malformedScheme(s string) (string, bool) {
	lower := strings.ToLower(s)
	for _, scheme := range []string{"https", "http"} {
		if !strings.HasPrefix(lower, scheme) {
			continue
		}
		rest := s[len(scheme):]
		separator := rest[:len(rest)-len(strings.TrimLeft(rest, `:/\`))]
		slashes := strings.Count(separator, "/") + strings.Count(separator, `\`)
		if separator == "://" || (!strings.Contains(separator, ":") && slashes < 2) {
			return "", false
		}
		return s[:len(scheme)+len(separator)], true
	}
	return "", false
}

// valueHint names what field takes on its own, with an example, to
// complete "enter only …".
func valueHint(field string) string {
	if field == FieldTenant {
		return "the tenant name, such as " + ExampleTenant
	}
	return "the host name, such as " + hostExample(field)
}

// isScheme reports whether s is a URL scheme (RFC 3986, section 3.1).
func isScheme(s string) bool {
	if s == "" || !isLetter(rune(s[0])) {
		return false
	}
	for _, r := range s {
		if !isLetter(r) && !isDigit(r) && r != '+' && r != '-' && r != '.' {
			return false
		}
	}
	return true
}

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// pastedHost is a host taken from what the admin pasted.
type pastedHost struct {
	input trimmedInput
	addr  address
	// host is the normalized host.
	host string
}

// parsePastedHost trims input, takes the host out of a URL and normalizes
// it. Error positions count from the start of input.
func parsePastedHost(field, input string) (pastedHost, *FieldError) {
	t := trimInput(input)
	if t.value == "" {
		return pastedHost{}, fieldError(field, "empty", 0, "The %s is empty.", fieldLabels[field])
	}

	a, err := splitAddress(field, t.value)
	if err != nil {
		err.Position += t.leading
		return pastedHost{}, err
	}
	host, err := normalizeHost(field, a.host)
	if err != nil {
		if err.Position > 0 {
			err.Position += t.leading + runeOffset(t.value, a.hostStart)
		}
		return pastedHost{}, err
	}
	return pastedHost{input: t, addr: a, host: host}, nil
}

// changeNotes are the notes for what normalizing the host changed.
func (p pastedHost) changeNotes() []Note {
	var notes []Note
	if strings.HasSuffix(p.addr.host, ".") {
		notes = append(notes, Note{Code: "removed_trailing_dot",
			Message: "Removed the dot at the end of the host name."})
	}
	raw := strings.TrimSuffix(p.addr.host, ".")
	if raw != p.host {
		notes = append(notes, Note{Code: "lower_cased",
			Message: "Changed " + quote(raw) + " to lower case, because host names ignore case."})
	}
	return notes
}

// fieldLabels name the fields in messages.
var fieldLabels = map[string]string{
	"":                "host name",
	FieldSubdomain:    "web-service subdomain",
	FieldAccountType:  "account type",
	FieldIdentityHost: "identity host",
	FieldTenant:       "tenant name",
	FieldClientID:     "client ID",
	FieldClientSecret: "client secret",
}

// ParseIdentityHost parses the identity host that the admin entered as an
// override: a host or a URL such as a token endpoint. The host must be on the
// IdentityHosts allow-list, because it receives the client secret.
func ParseIdentityHost(input string) (Value, error) {
	p, err := parsePastedHost(FieldIdentityHost, input)
	if err != nil {
		return Value{}, err
	}
	if _, ok := LookupIdentityHost(p.host); !ok {
		return Value{}, hostNotAllowed(p.host)
	}

	notes := p.input.notes
	if p.addr.isURL {
		notes = append(notes, Note{Code: "took_host_from_url",
			Message: "Took the host " + p.host + " from the address you pasted."})
	}
	notes = append(notes, p.changeNotes()...)
	if p.addr.scheme == "http" {
		notes = append(notes, httpsNote("https://"+p.host))
	}
	return Value{Value: p.host, Notes: notes}, nil
}

func hostNotAllowed(host string) *FieldError {
	allowed := make([]string, len(IdentityHosts))
	for i, h := range IdentityHosts {
		allowed[i] = h.Host
	}
	hint := ""
	if IsUKGHost(host) && strings.HasPrefix(host, ServiceLabelPrefix) {
		hint = " It looks like a web-service host, which goes in the subdomain field."
	}
	return fieldError(FieldIdentityHost, "host_not_allowed", 0,
		"%s is not a UKG identity host, so the app will not send the client secret to it.%s "+
			"Use one of %s, or ask UKG support which identity host your client uses.",
		host, hint, joinPhrasesOr(allowed))
}

// joinPhrasesOr joins "a", "b" and "c" as "a, b or c".
func joinPhrasesOr(phrases []string) string {
	if len(phrases) <= 1 {
		return strings.Join(phrases, "")
	}
	last := len(phrases) - 1
	return strings.Join(phrases[:last], ", ") + " or " + phrases[last]
}

// httpsNote returns the note that url, an https:// address, replaces the
// pasted http:// address.
func httpsNote(url string) Note {
	return Note{Code: "uses_https",
		Message: "UKG shows this address with http://, but the app connects only over " +
			"HTTPS, so " + url + " will be used."}
}

// quote quotes s for a message, escaping control and invisible characters.
func quote(s string) string {
	return strconv.Quote(s)
}
