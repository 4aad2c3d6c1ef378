// Package profile stores linked-account profiles and wizard drafts under the
// XDG config folder. A profile never contains the client secret: that lives
// only in the OS keychain.
package profile

// Profile is the non-secret part of one linked UKG account, as normalized
// values (see package ukg for the parsers).
type Profile struct {
	Name        string `json:"name"`
	Subdomain   string `json:"subdomain"`
	AccountType string `json:"account_type"`
	// IdentityHost overrides the account type's identity host when set.
	IdentityHost string `json:"identity_host,omitempty"`
	Tenant       string `json:"tenant"`
	ClientID     string `json:"client_id"`
}
