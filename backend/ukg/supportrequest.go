package ukg

import (
	"fmt"
	"strings"
)

// SupportRequest returns the text an admin sends UKG in a support case to
// get OAuth credentials for the recruiting product. tenant may be empty.
func SupportRequest(tenant string) string {
	if tenant == "" {
		tenant = "(our tenant alias)"
	}
	var b strings.Builder
	b.WriteString("Subject: OAuth client for a UKG Pro Recruiting integration\n\n")
	b.WriteString("Hello UKG Support,\n\n")
	fmt.Fprintf(&b, "Please register an OAuth 2.0 client (client credentials grant) for tenant %s ", tenant)
	b.WriteString("so that our recruiting product can use the UKG Pro Recruiting API.\n\n")
	b.WriteString("Please enable these 14 scopes for the client:\n")
	for _, s := range RequiredScopes {
		b.WriteString("  " + s.Name + "\n")
	}
	b.WriteString("\nIn your reply, please tell us:\n")
	b.WriteString("  1. the client ID, and how we receive the client secret securely;\n")
	b.WriteString("  2. the identity host that issues tokens for us (for example signin.ultipro.com);\n")
	b.WriteString("  3. whether the credentials are for our production or our test environment.\n\n")
	b.WriteString("These are not the Web Services (SOAP) user API key or customer API key.\n\nThank you.\n")
	return b.String()
}
