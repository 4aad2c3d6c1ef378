package desktop

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestExportWithoutReasonRejected(t *testing.T) {
	s, ui := newTestService(t, "ok")
	fillDraft(t, s, "prod")
	for _, reason := range []string{"", "  \n"} {
		r := s.ExportBundle("prod", true, reason)
		if r.Result.Status != StatusFailed {
			t.Fatalf("reason %q: status = %q, want failed", reason, r.Result.Status)
		}
		if r.Result.Code != "skip_reason_missing" {
			t.Errorf("reason %q: code = %q, want skip_reason_missing", reason, r.Result.Code)
		}
	}
	if _, err := os.Stat(ui.savePath); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a bundle was written without a reason: %v", err)
	}
}

func TestSaveDraftKeepsSkipReason(t *testing.T) {
	s, _ := newTestService(t, "ok")
	fillDraft(t, s, "prod")
	in := DraftInput{Name: "prod", Step: "export", SkipVerify: true, SkipReason: " credentials not active yet \n"}
	if r := s.SaveDraft(in); r.Result.Status != StatusOK {
		t.Fatalf("SaveDraft: %+v", r.Result)
	}
	d := s.LoadDraft("prod").Draft
	if !d.SkipVerify {
		t.Error("the draft forgot the choice to continue without verifying")
	}
	if d.SkipReason != "credentials not active yet" {
		t.Errorf("reason = %q, want it trimmed", d.SkipReason)
	}
}

func TestNewDraftPlainNameMessage(t *testing.T) {
	s, _ := newTestService(t, "ok")
	const allowed = " Use only letters, digits, dashes (-), underscores (_) and dots, for example acme-recruiting."
	cases := map[string]string{
		"acme corp":             "The name cannot contain spaces." + allowed,
		"acme/corp":             "The name cannot contain “/”." + allowed,
		".acme":                 "The name cannot start with a dot." + allowed,
		strings.Repeat("a", 65): "The name is too long: use at most 64 characters.",
	}
	for name, want := range cases {
		r := s.NewDraft(name).Result
		if r.Code != "invalid_name" {
			t.Errorf("%q: code = %q, want invalid_name", name, r.Code)
		}
		if r.Message != want {
			t.Errorf("%q: message = %q, want %q", name, r.Message, want)
		}
		if !strings.Contains(r.Detail, "invalid profile name") {
			t.Errorf("%q: detail = %q, want the technical message", name, r.Detail)
		}
	}
}
