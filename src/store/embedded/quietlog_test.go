package main

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func TestDeferredHandlerWritesAttributesAndGroupsAsTheTextHandlerWould(t *testing.T) {
	var direct, deferred bytes.Buffer
	opts := &slog.HandlerOptions{Level: slog.LevelInfo, ReplaceAttr: dropTime}
	want := slog.New(slog.NewTextHandler(&direct, opts))
	got := slog.New(newDeferredHandler(slog.NewTextHandler(&deferred, opts)))
	for _, l := range []*slog.Logger{want, got} {
		parent := l.With("sql", "SELECT 1").WithGroup("g")
		parent.With("a", 1).Info("first")
		parent.With("b", 2).Info("second")
	}
	if direct.String() != deferred.String() {
		t.Fatalf("deferred handler wrote\n%s\nwant\n%s", deferred.String(), direct.String())
	}
	if !strings.Contains(deferred.String(), "g.a=1") || strings.Contains(deferred.String(), "g.a=1 g.b=2") {
		t.Fatalf("siblings derived from one parent must not share attributes:\n%s", deferred.String())
	}
}

func TestDeferredHandlerWritesNothingBelowItsLevel(t *testing.T) {
	var out bytes.Buffer
	l := slog.New(newDeferredHandler(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelError})))
	l.With("sql", "UPDATE x").Warn("quiet")
	if out.Len() != 0 {
		t.Fatalf("wrote %q below the level", out.String())
	}
}

func dropTime(_ []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}
