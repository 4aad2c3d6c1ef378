package ukg

import (
	"strings"
	"testing"
)

func TestSupportRequestListsEveryScope(t *testing.T) {
	text := SupportRequest("USG1008IT124S")
	for _, s := range RequiredScopes {
		if !strings.Contains(text, s.Name+"\n") {
			t.Errorf("request lacks scope %s", s.Name)
		}
	}
	if !strings.Contains(text, "USG1008IT124S") {
		t.Error("request lacks the tenant")
	}
	if !strings.Contains(text, "identity host") {
		t.Error("request does not ask for the identity host")
	}
	if !strings.Contains(text, "production or our test") {
		t.Error("request does not ask for the environment")
	}
}

func TestSupportRequestWithoutTenant(t *testing.T) {
	if text := SupportRequest(""); !strings.Contains(text, "(our tenant alias)") {
		t.Error("request without a tenant lacks the tenant placeholder text")
	}
}
