// Package bundle seals a linked UKG account, client secret included, into one
// encrypted file that the admin hands to the recruiting product, and opens such
// files again.
//
// # File format
//
// A bundle is a standard binary age v1 file (https://age-encryption.org/v1),
// without ASCII armor, encrypted with filippo.io/age to one or more X25519
// recipients. The stock age tool opens it with
//
//	age -d -i IDENTITY_FILE bundle.age
//
// The age header carries, after the X25519 stanzas, stanzas of this package
// with empty bodies:
//
//	-> ukglink-size N
//	-> ukglink-recipient 53d3-62d7-1684-f350
//
// where N is the length of the plaintext in bytes, and each recipient stanza
// names one X25519 key the bundle is sealed for, by its Fingerprint, so that
// Inspect can tell support which key opens a file. The header MAC covers
// them. filippo.io/age v1.3.2 and the stock age tool skip stanza types they
// do not know, which the tests check. Open uses N to tell a file that was cut
// short from one that was changed. Seal leaves these stanzas out when a
// recipient uses age stanza labels (passphrase recipients do), because age
// does not mix such recipients with others. A bundle without them still
// opens.
//
// The plaintext is one UTF-8 JSON object:
//
//	{
//	  "format_version": 1,
//	  "bundle_id": "32 lower-case hex digits from crypto/rand",
//	  "created_at": "2026-01-05T10:00:00Z",
//	  "expires_at": "2026-02-04T10:00:00Z",
//	  "app_version": "1.0.0",
//	  "profile": {"name": "...", "subdomain": "servicet", "account_type": "production",
//	              "identity_host": "...", "tenant": "USG1008IT124S", "client_id": "..."},
//	  "client_secret": "the client secret as plain text",
//	  "requested_scopes": ["recruiting.domain.applications.read", "..."],
//	  "verification": {"run": true, "not_run_reason": "...", "report": {...}}
//	}
//
// Times are RFC 3339 in UTC, whole seconds. profile has the JSON form of
// profile.Profile, where identity_host is left out when empty.
// requested_scopes is never null. verification.report is the verification
// report as raw JSON. It is present only when run is true, and not_run_reason
// is present only when run is false. The client secret exists as plain text
// only inside the encrypted payload. Contents holds it as a secret.Secret,
// which prints and marshals as "[redacted]".
//
// # Compatibility
//
// FormatVersion is the version this package writes. A reader opens every
// format_version from 1 up to its own FormatVersion, so a newer app keeps
// opening older bundles. The committed fixtures under testdata/ and the tests
// that open them enforce this for version 1. A bundle with a newer
// format_version is rejected with ErrUnknownFormat, whose message asks the
// user to update the app. Within one format_version, readers ignore JSON
// fields they do not know.
//
// # Expiry
//
// A bundle expires at expires_at, which Seal sets to the sealing time plus
// SealOptions.Lifetime: DefaultLifetime (30 days) when zero, at most
// MaxLifetime (90 days). Seal rejects a longer lifetime. Open rejects a bundle
// whose expires_at is not after the current time with ErrExpired, unless
// OpenOptions.AllowExpired is set.
//
// # Errors
//
// Every Open failure caused by the file is an *OpenError that matches exactly
// one of ErrWrongKey, ErrTruncated, ErrTampered, ErrUnknownFormat, ErrExpired
// and ErrNotBundle with errors.Is. Its message is a plain sentence that says
// what to do next, and it never contains plaintext from the bundle. The age
// X25519 stanza does not name its recipient, so a change inside that stanza
// cannot be distinguished from a wrong key and is reported as ErrWrongKey.
//
// # ASCII armor
//
// Seal writes only binary files, which survive mail and uploads unchanged.
// Open also reads a bundle that was ASCII-armored afterwards, for example
// with "age -a". It does so even when a mail client or an editor re-wrapped
// or joined the lines or changed their endings (see Dearmor).
package bundle
