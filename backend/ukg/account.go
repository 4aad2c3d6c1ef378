package ukg

import "strings"

// ParseAccountType returns the account type whose ID is input, ignoring case
// and surrounding whitespace. Errors are *FieldError and list the valid IDs.
func ParseAccountType(input string) (AccountType, error) {
	id := trimInput(input).value
	ids := strings.Join(AccountTypeIDs(), ", ")
	if id == "" {
		return AccountType{}, fieldError(FieldAccountType, "empty", 0,
			"The account type is empty. Choose one of %s.", ids)
	}

	account, ok := LookupAccountType(id)
	if !ok {
		return AccountType{}, fieldError(FieldAccountType, "unknown_account_type", 0,
			"%q is not an account type. Choose one of %s.", id, ids)
	}
	return account, nil
}
