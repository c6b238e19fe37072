// Command embedded runs FerretDB (SQLite backend) as a small MongoDB-wire server
// for development and tests, so PreLetter needs no database installed by hand.
//
// It exits when its standard input closes, so it never outlives the Node.js
// process that started it, even when that process is killed.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	port := flag.Int("port", 27017, "TCP port to listen on (127.0.0.1 only)")
	dataDir := flag.String("data-dir", "data", "directory for the SQLite files")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn or error")
	flag.Parse()

	if err := run(*port, *dataDir, *logLevel); err != nil {
		fmt.Fprintf(os.Stderr, "embedded database: %v\n", err)
		os.Exit(1)
	}
}

func run(port int, dataDir, logLevel string) error {
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return fmt.Errorf("data directory %q: %w", dataDir, err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return fmt.Errorf("cannot create data directory %q: %w", abs, err)
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("log level %q: %w", logLevel, err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: fmt.Sprintf("127.0.0.1:%d", port)},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/",
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// The parent holds our stdin open; EOF means it is gone.
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		cancel()
	}()

	fmt.Fprintf(os.Stdout, "listening %s\n", f.MongoDBURI())
	f.Run(ctx)
	return nil
}
