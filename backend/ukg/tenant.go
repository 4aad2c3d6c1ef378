package ukg

import (
	"strings"
)

// tenantPathTemplates are UKG paths that contain the tenant somewhere other
// than in the first segment. A pasted token or API URL is read with them.
var tenantPathTemplates = []string{currentTokenPath, legacyTokenPath, APIPath}

// ParseTenant parses the tenant alias from a bare alias or from a pasted
// UKG Pro Recruiting URL, whose first path segment is the tenant
// ("https://rec-demo-b.ultipro.com/USG1008IT124S/Dashboard"). The alias
// keeps the case the admin typed. A lower-case letter, an unusual shape
// (see TenantShape) or a URL whose host is not a UKG host only raises a
// warning. Errors are *FieldError.
func ParseTenant(input string) (Value, error) {
	t := trimInput(input)
	if t.value == "" {
		return Value{}, fieldError(FieldTenant, "empty", 0,
			"The tenant name is empty. "+tenantHelp)
	}

	part, err := tenantFromInput(t.value)
	if err != nil {
		return Value{}, err
	}
	tenant := part.text
	if bad, found := findBadRune(tenant, isAlphanumericRune); found {
		// The message quotes the tenant alone, so its position counts from
		// the start of the tenant, while Position counts in the input.
		position := t.leading + runeOffset(t.value, part.start) + bad.position
		return Value{}, fieldError(FieldTenant, bad.code(), position,
			"The tenant name %q contains %s at position %d. A tenant name has only "+
				"letters and digits, such as %s.",
			tenant, bad.describe(), bad.position, ExampleTenant)
	}

	notes := t.notes
	if part.fromURL {
		notes = append(notes, Note{Code: "took_tenant_from_url",
			Message: "Took the tenant name " + tenant + " from the path of the address you pasted."})
	}
	warnings := tenantWarnings(tenant)
	if part.host != "" && !IsUKGHost(part.host) {
		warnings = append(warnings, foreignHostWarning(part.host, tenant))
	}
	return Value{Value: tenant, Notes: notes, Warnings: warnings}, nil
}

// foreignHostWarning warns that the URL a tenant came from is not on a UKG
// domain. Only the part of host after any "@" is shown, because the part
// before it may be a password.
func foreignHostWarning(host, tenant string) Note {
	shown := host[strings.LastIndexByte(host, '@')+1:]
	if normalized, err := normalizeHost("", shown); err == nil {
		shown = normalized
	} else {
		shown = quote(shown)
	}
	return Note{Code: "not_ukg_address",
		Message: "The address you pasted is on " + shown + ", which is not a UKG address. " +
			"The tenant name " + tenant + " was taken from its path, so check that you " +
			"copied the UKG Pro Recruiting address after you sign in."}
}

const tenantHelp = "The tenant name is the first part of the path of the UKG Pro " +
	"Recruiting address after you sign in, " +
	"such as " + ExampleTenant + " in https://recruiting.ultipro.com/" + ExampleTenant + "/Dashboard."

// tenantPart is the tenant found in a pasted value.
type tenantPart struct {
	text string
	// start is the byte index of text in the value.
	start   int
	fromURL bool
	// host is the host of a pasted URL, unchecked, or "" for a path alone.
	host string
}

// tenantFromInput finds the tenant in s. A value without "/" is the tenant
// itself.
func tenantFromInput(s string) (tenantPart, *FieldError) {
	if !strings.Contains(s, "/") {
		return tenantPart{text: s}, nil
	}

	var a address
	first, _, _ := strings.Cut(s, "/")
	_, badScheme := malformedScheme(s)
	if strings.Contains(s, "://") || strings.HasPrefix(s, "//") || strings.Contains(first, ".") || badScheme {
		var err *FieldError
		a, err = splitAddress(FieldTenant, s)
		if err != nil {
			return tenantPart{}, err
		}
	} else {
		a = address{path: s, isURL: true}
	}

	segments := pathSegments(a.path)
	index, ok := tenantSegment(segments)
	if !ok {
		return tenantPart{}, fieldError(FieldTenant, "no_tenant_in_url", 0,
			"The address you pasted has no path, so it does not contain the tenant "+
				"name. "+tenantHelp)
	}
	return tenantPart{
		text:    segments[index].text,
		start:   a.pathStart + segments[index].start,
		fromURL: true,
		host:    a.host,
	}, nil
}

// segment is one non-empty segment of a URL path.
type segment struct {
	text string
	// start is the byte index of text in the path.
	start int
}

func pathSegments(p string) []segment {
	var segments []segment
	start := 0
	for _, part := range strings.Split(p, "/") {
		if part != "" {
			segments = append(segments, segment{text: part, start: start})
		}
		start += len(part) + 1
	}
	return segments
}

// tenantSegment returns the index of the tenant among segments: the
// "{tenant}" place of a matching tenantPathTemplates entry, else the first
// segment.
func tenantSegment(segments []segment) (int, bool) {
	if len(segments) == 0 {
		return 0, false
	}
	for _, template := range tenantPathTemplates {
		if index, ok := matchTemplate(template, segments); ok {
			return index, true
		}
	}
	return 0, true
}

// matchTemplate reports whether segments start with the segments of
// template up to "{tenant}", ignoring case, and returns the tenant's index.
func matchTemplate(template string, segments []segment) (int, bool) {
	parts := strings.Split(strings.Trim(template, "/"), "/")
	for i, part := range parts {
		if i >= len(segments) {
			return 0, false
		}
		if part == "{tenant}" {
			return i, true
		}
		if !strings.EqualFold(part, segments[i].text) {
			return 0, false
		}
	}
	return 0, false
}

// firstSegment returns the first non-empty segment of a URL path.
func firstSegment(p string) (string, bool) {
	segments := pathSegments(p)
	if len(segments) == 0 {
		return "", false
	}
	return segments[0].text, true
}

func isAlphanumericRune(r rune) bool {
	return isLetter(r) || isDigit(r)
}

func isAlphanumeric(s string) bool {
	_, found := findBadRune(s, isAlphanumericRune)
	return s != "" && !found
}

// tenantWarnings warns about lower case and about a shape other than
// TenantShape.
func tenantWarnings(tenant string) []Note {
	var warnings []Note
	upper := strings.ToUpper(tenant)
	if upper != tenant {
		warnings = append(warnings, Note{Code: "lower_case_tenant",
			Message: "UKG tenant aliases are usually upper case, e.g. " + ExampleTenant + ". " +
				"The app keeps the case you typed. If UKG reports that the tenant is " +
				"not found, try " + upper + "."})
	}
	if !TenantShape.MatchString(tenant) {
		warnings = append(warnings, Note{Code: "unusual_tenant_shape",
			Message: "Tenant names usually have three letters, four digits and then 2 to 6 " +
				"letters or digits, such as " + ExampleTenant + ". Check that " + tenant +
				" is the first part of the path of the UKG Pro Recruiting address after you sign in."})
	}
	return warnings
}
