package ukg

import (
	"strings"
)

// serviceHostHelp is the help text on where an admin finds the web-service URL.
const serviceHostHelp = `To find the web-service host, type "Web Services" in the ` +
	`UKG Pro search bar, open Web Services and copy any web service endpoint URL, ` +
	`such as http://servicet.ultipro.com/services/BIDataService.`

// ParseSubdomain parses the web-service subdomain from a bare label
// ("SERVICET"), a host ("Servicet.ultipro.com") or a URL
// ("http://Servicet.ultipro.com/services/BIDataService"), and returns the
// label in lower case. A pasted host must end in one of Domains. Neither the
// host nor its label on any of Domains may be a Recruiting website or
// sign-in page (NotServiceHosts), so "signin" is rejected like
// signin.ultipro.com. Errors are *FieldError.
func ParseSubdomain(input string) (Subdomain, error) {
	t := trimInput(input)
	if t.value == "" {
		return Subdomain{}, fieldError(FieldSubdomain, "empty", 0,
			"The web-service subdomain is empty. "+serviceHostHelp)
	}
	if !strings.ContainsAny(t.value, ".:/@\\[]") {
		return parseBareLabel(t)
	}

	p, err := parsePastedHost(FieldSubdomain, input)
	if err != nil {
		return Subdomain{}, err
	}
	if err := checkServiceHost(p); err != nil {
		return Subdomain{}, err
	}
	return subdomainFromHost(p), nil
}

// parseBareLabel parses a subdomain typed without its domain.
func parseBareLabel(t trimmedInput) (Subdomain, error) {
	label, err := cleanHost(FieldSubdomain, t.value)
	if err != nil {
		if err.Position > 0 {
			err.Position += t.leading
		}
		err.Message = strings.Replace(err.Message, "The host name", "The subdomain", 1)
		err.Message = strings.Replace(err.Message, "such as "+ExampleServiceHost, "such as "+ExampleServiceLabel, 1)
		return Subdomain{}, err
	}

	if host, pattern, ok := matchNotServiceLabel(label); ok {
		return Subdomain{}, fieldError(FieldSubdomain, "not_a_service_host", 0,
			"%s is the first part of %s, which is the address of %s, not a web-service host. %s",
			label, host, pattern.Description, serviceHostHelp)
	}

	notes := t.notes
	if label != t.value {
		notes = append(notes, Note{Code: "lower_cased",
			Message: "Changed " + quote(t.value) + " to lower case, because host names ignore case."})
	}
	return Subdomain{Value: Value{Value: label, Notes: notes, Warnings: labelWarnings(label)}}, nil
}

// checkServiceHost rejects a host that is not a web-service host.
func checkServiceHost(p pastedHost) *FieldError {
	if pattern, ok := matchNotServiceHost(p.host); ok {
		return notServiceHost(p, pattern)
	}

	domain, ok := domainOf(p.host)
	switch {
	case !ok:
		return fieldError(FieldSubdomain, "unknown_domain", 0,
			"%s is not a UKG address. Web-service hosts end in %s, such as "+
				"servicet.ultipro.com. %s",
			p.host, joinPhrasesOr(Domains), serviceHostHelp)
	case p.host == domain:
		return fieldError(FieldSubdomain, "no_subdomain", 0,
			"%s is only the UKG domain, without the subdomain in front of it, such "+
				"as servicet.%s. %s",
			p.host, domain, serviceHostHelp)
	}

	label := strings.TrimSuffix(p.host, "."+domain)
	if strings.Contains(label, ".") {
		return fieldError(FieldSubdomain, "not_one_label", 0,
			"%s has more than one part in front of %s, but a web-service host has "+
				"one, such as servicet.%s. %s",
			p.host, domain, domain, serviceHostHelp)
	}
	if host, pattern, ok := matchNotServiceLabel(label); ok {
		return fieldError(FieldSubdomain, "not_a_service_host", 0,
			"%s starts like %s, which is the address of %s, so it is not a web-service host. %s",
			p.host, host, pattern.Description, serviceHostHelp)
	}
	return nil
}

// matchNotServiceLabel returns the first host of label on one of Domains
// that matches NotServiceHosts, and the matching pattern. For example
// "signin" gives signin.ultipro.com. A label that gives such a host on one
// UKG domain is rejected on every domain, so that a subdomain taken from a
// host is accepted again as a bare label.
func matchNotServiceLabel(label string) (string, HostPattern, bool) {
	for _, domain := range Domains {
		host := label + "." + domain
		if pattern, ok := matchNotServiceHost(host); ok {
			return host, pattern, true
		}
	}
	return "", HostPattern{}, false
}

// notServiceHost explains which page the admin copied instead of a
// web-service URL. For a Recruiting website address it also points out the
// tenant name in the path.
func notServiceHost(p pastedHost, pattern HostPattern) *FieldError {
	message := p.host + " is the address of " + pattern.Description + ", not a web-service host. "
	if pattern.Kind == RecruitingSiteHost {
		if tenant, ok := firstSegment(p.addr.path); ok && isAlphanumeric(tenant) {
			message += "Its first path segment, " + tenant + ", is your tenant name, so enter it in the tenant name field. "
		}
	}
	return fieldError(FieldSubdomain, "not_a_service_host", 0, "%s", message+serviceHostHelp)
}

// subdomainFromHost returns the label of a checked web-service host with
// notes on what was taken and changed.
func subdomainFromHost(p pastedHost) Subdomain {
	domain, _ := domainOf(p.host)
	label := strings.TrimSuffix(p.host, "."+domain)

	notes := p.input.notes
	if p.addr.isURL {
		notes = append(notes, Note{Code: "took_host_from_url",
			Message: "Took the subdomain " + label + " from the host " + p.host + " in the address you pasted."})
	} else {
		notes = append(notes, Note{Code: "took_subdomain_from_host",
			Message: "Took the subdomain " + label + " from the host " + p.host + "."})
	}
	notes = append(notes, p.changeNotes()...)
	if p.addr.scheme == "http" {
		notes = append(notes, httpsNote("https://"+p.host))
	}

	return Subdomain{
		Value:  Value{Value: label, Notes: notes, Warnings: labelWarnings(label)},
		Domain: domain,
	}
}

// labelWarnings warns about a subdomain that does not start with
// ServiceLabelPrefix.
func labelWarnings(label string) []Note {
	if strings.HasPrefix(label, ServiceLabelPrefix) {
		return nil
	}
	return []Note{{Code: "unusual_subdomain",
		Message: "Web-service subdomains usually start with \"" + ServiceLabelPrefix + "\", such as servicet or service2. " +
			"Check that " + label + " comes from a web service endpoint URL. " + serviceHostHelp}}
}

// ServiceHostURL returns "https://<label>.<domain>" for the account type's
// domain, to show which host will be used. An empty accountTypeID means
// DefaultAccountTypeID. Errors are *FieldError.
func ServiceHostURL(label, accountTypeID string) (string, error) {
	if label == "" || strings.Contains(label, ".") {
		return "", fieldError(FieldSubdomain, "not_one_label", 0,
			"The subdomain %q must be one label, such as servicet.", label)
	}
	clean, err := cleanHost(FieldSubdomain, label)
	if err != nil {
		return "", err
	}
	if clean != label {
		return "", fieldError(FieldSubdomain, "not_normalized", 0,
			"The subdomain %q must be in lower case, such as servicet.", label)
	}

	if accountTypeID == "" {
		accountTypeID = DefaultAccountTypeID
	}
	account, accountErr := ParseAccountType(accountTypeID)
	if accountErr != nil {
		return "", accountErr
	}
	return "https://" + label + "." + account.Domain, nil
}
