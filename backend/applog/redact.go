package applog

import (
	"context"
	"log/slog"
	"strings"

	"github.com/ukglink/ukglink/backend/secret"
)

// sensitiveKeyParts are the parts of an attribute key, compared without
// case, that make the handler replace the attribute's value.
var sensitiveKeyParts = []string{
	"secret", "password", "passwd", "token", "authorization", "bearer",
	"credential", "apikey", "api_key", "cookie", "private_key",
}

// redactingHandler replaces sensitive values before the wrapped handler
// sees them.
type redactingHandler struct {
	inner slog.Handler
}

// NewRedactingHandler wraps h so that the value of every attribute whose key
// contains secret, password, token, authorization, bearer or credential (and
// a few similar words, in any case) becomes "[redacted]", as does every
// secret.Secret value, in groups too. Message text is not changed, so it
// must never contain a secret.
func NewRedactingHandler(h slog.Handler) slog.Handler {
	return &redactingHandler{inner: h}
}

func (h *redactingHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.inner.Enabled(ctx, level)
}

func (h *redactingHandler) Handle(ctx context.Context, r slog.Record) error {
	clean := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	r.Attrs(func(a slog.Attr) bool {
		clean.AddAttrs(redact(a))
		return true
	})
	return h.inner.Handle(ctx, clean)
}

func (h *redactingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = redact(a)
	}
	return &redactingHandler{inner: h.inner.WithAttrs(clean)}
}

func (h *redactingHandler) WithGroup(name string) slog.Handler {
	return &redactingHandler{inner: h.inner.WithGroup(name)}
}

func redact(a slog.Attr) slog.Attr {
	if isSensitiveKey(a.Key) || isSecret(a.Value) {
		return slog.String(a.Key, secret.Redacted)
	}

	// Resolving calls LogValue, which may return a group with a secret in it.
	v := a.Value.Resolve()
	if v.Kind() != slog.KindGroup {
		return slog.Attr{Key: a.Key, Value: v}
	}
	group := v.Group()
	clean := make([]slog.Attr, len(group))
	for i, g := range group {
		clean[i] = redact(g)
	}
	return slog.Attr{Key: a.Key, Value: slog.GroupValue(clean...)}
}

func isSensitiveKey(key string) bool {
	key = strings.ToLower(key)
	for _, part := range sensitiveKeyParts {
		if strings.Contains(key, part) {
			return true
		}
	}
	return false
}

func isSecret(v slog.Value) bool {
	if v.Kind() != slog.KindAny {
		return false
	}
	switch v.Any().(type) {
	case secret.Secret, *secret.Secret:
		return true
	}
	return false
}
