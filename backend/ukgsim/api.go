package ukgsim

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Pagination limits of the list endpoints.
const (
	defaultPerPage = 25
	maxPerPage     = 100
)

// resource is one list endpoint of the Recruiting API.
type resource struct {
	// accepted are the scopes of which any one admits a read.
	accepted []string
	records  []map[string]any
}

// resources are the list endpoints the simulator serves, keyed by the last
// path segment.
var resources = map[string]resource{
	"applications": {
		accepted: []string{"recruiting.domain.applications.read", "recruiting.domain.applications.write",
			"recruiting.domain.application-import.read"},
		records: fixtures("application", func(i int) map[string]any {
			return map[string]any{"candidate_id": fmt.Sprintf("candidate-%d", i), "status": "New"}
		}),
	},
	"candidates": {
		accepted: []string{"recruiting.domain.candidates.read", "recruiting.domain.candidates.write",
			"recruiting.domain.candidate-import.read"},
		records: fixtures("candidate", func(i int) map[string]any {
			return map[string]any{"first_name": "Demo", "last_name": fmt.Sprintf("Candidate %d", i)}
		}),
	},
	"opportunities": {
		accepted: []string{"recruiting.domain.opportunities.read", "recruiting.domain.opportunities.write",
			"recruiting.domain.application-import.read"},
		records: fixtures("opportunity", func(i int) map[string]any {
			return map[string]any{"title": fmt.Sprintf("Demo Opening %d", i), "status": "Open"}
		}),
	},
	"applicant-sources": {
		accepted: []string{"recruiting.domain.configuration.read", "recruiting.domain.configuration.write"},
		records: fixtures("applicant-source", func(i int) map[string]any {
			return map[string]any{"name": fmt.Sprintf("Demo Source %d", i)}
		}),
	},
}

// fixtures returns three demo records with ids "<kind>-1" to "<kind>-3".
func fixtures(kind string, fields func(i int) map[string]any) []map[string]any {
	records := make([]map[string]any, 3)
	for i := range records {
		record := fields(i + 1)
		record["id"] = fmt.Sprintf("%s-%d", kind, i+1)
		records[i] = record
	}
	return records
}

// serveAPI serves GET on the list endpoints. Every other method gets 405,
// so that tests can prove that verification never writes.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		s.log.Warn("write method on API path rejected", "method", r.Method, "path", r.URL.Path)
		w.Header().Set("Allow", http.MethodGet)
		writeJSON(w, http.StatusMethodNotAllowed, apiError("method_not_allowed", "only GET is served"))
		return
	}
	res, known := resources[r.PathValue("resource")]
	if status, body := s.authorizeRead(r, res, known); status != 0 {
		if status == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		}
		writeJSON(w, status, body)
		return
	}
	page, perPage, err := pagination(r.URL.Query())
	if err != nil {
		writeJSON(w, http.StatusBadRequest, apiError("invalid_request", err.Error()))
		return
	}
	s.writePage(w, r, res.records, page, perPage)
}

// authorizeRead returns the status and body of a refused read, or 0.
func (s *Server) authorizeRead(r *http.Request, res resource, known bool) (int, any) {
	name := r.PathValue("resource")
	if s.cfg.Scenario == "probe-not-found" || !known {
		return http.StatusNotFound, apiError("not_found", "no such resource")
	}
	c, err := s.bearerClaims(r)
	if err != nil || s.cfg.Scenario == "probe-unauthorized" {
		return http.StatusUnauthorized, apiError("invalid_token", "the access token is not valid here")
	}
	if r.PathValue("tenant") != s.cfg.Tenant || c.Tenant != s.cfg.Tenant {
		return http.StatusNotFound, apiError("not_found", "unknown tenant")
	}
	granted := c.scopes()
	allowed := slices.ContainsFunc(res.accepted, func(scope string) bool { return slices.Contains(granted, scope) })
	if !allowed || (s.cfg.Scenario == "probe-forbidden" && name == "applicant-sources") {
		return http.StatusForbidden, apiError("insufficient_scope", "requires one of: "+strings.Join(res.accepted, " "))
	}
	return 0, nil
}

func apiError(code, message string) map[string]string {
	return map[string]string{"error": code, "error_description": message}
}

// pagination reads page and per_page, 1 and 25 by default.
func pagination(query url.Values) (int, int, error) {
	page, err := positiveParam(query, "page", 1)
	if err != nil {
		return 0, 0, err
	}
	perPage, err := positiveParam(query, "per_page", defaultPerPage)
	if err != nil {
		return 0, 0, err
	}
	return page, min(perPage, maxPerPage), nil
}

func positiveParam(query url.Values, name string, fallback int) (int, error) {
	text := query.Get(name)
	if text == "" {
		return fallback, nil
	}
	n, err := strconv.Atoi(text)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%s must be a positive integer, got %q", name, text)
	}
	return n, nil
}

// writePage writes one page of records as a JSON array with a Link header.
func (s *Server) writePage(w http.ResponseWriter, r *http.Request, records []map[string]any, page, perPage int) {
	start := min((page-1)*perPage, len(records))
	end := min(start+perPage, len(records))
	last := max(1, (len(records)+perPage-1)/perPage)

	links := []string{pageLink(r, 1, perPage, "first"), pageLink(r, last, perPage, "last")}
	if page < last {
		links = append(links, pageLink(r, page+1, perPage, "next"))
	}
	if page > 1 {
		links = append(links, pageLink(r, min(page-1, last), perPage, "prev"))
	}
	w.Header().Set("Link", strings.Join(links, ", "))
	w.Header().Set("X-Total-Count", strconv.Itoa(len(records)))
	writeJSON(w, http.StatusOK, records[start:end])
}

func pageLink(r *http.Request, page, perPage int, rel string) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	query := url.Values{"page": {strconv.Itoa(page)}, "per_page": {strconv.Itoa(perPage)}}
	target := url.URL{Scheme: scheme, Host: r.Host, Path: r.URL.Path, RawQuery: query.Encode()}
	return fmt.Sprintf("<%s>; rel=%q", target.String(), rel)
}
