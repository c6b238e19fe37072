// Command embedded runs FerretDB (SQLite backend) as a small MongoDB-wire server
// for development and tests, so PreLetter needs no database installed by hand.
//
// FerretDB itself listens only on a Unix socket in a private temporary
// directory; clients reach it through the relay in proxy.go on 127.0.0.1,
// which serializes writes and speeds up single-document writes by _id
// (matched.go, idfilter.go); every collection gets an _id index FerretDB's queries can use
// (sqliteindex.go), and SQLite's write-ahead logs are kept short
// (walcheckpoint.go).
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
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	port := flag.Int("port", 27017, "TCP port to listen on (127.0.0.1 only); 0 picks a free one")
	dataDir := flag.String("data-dir", "data", "directory for the SQLite files")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn or error")
	flag.Parse()

	if err := run(*port, *dataDir, *logLevel); err != nil {
		fmt.Fprintf(os.Stderr, "embedded database: %v\n", err)
		os.Exit(1)
	}
}

func run(port int, dataDir, logLevel string) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("log level %q: %w", logLevel, err)
	}
	logger := slog.New(newDeferredHandler(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level})))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// The parent holds our stdin open; EOF means it is gone.
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		cancel()
	}()

	// Every command allocates its documents several times over (wire, JSON for
	// SQLite, back); collecting at 4x the live heap instead of 2x halves the
	// time spent in the collector for a heap that stays in tens of MiB.
	debug.SetGCPercent(400)

	inst, err := start(port, dataDir, logger)
	if err != nil {
		return err
	}
	defer inst.close()

	fmt.Fprintf(os.Stdout, "listening mongodb://%s/\n", inst.addr)
	<-ctx.Done()
	return nil
}

// instance is a running FerretDB behind the relay.
type instance struct {
	addr    string // host:port clients connect to
	srv     *server
	ln      net.Listener
	sockDir string
	stopFDB context.CancelFunc
	fdbDone chan struct{}
}

// start runs FerretDB on a private Unix socket and the relay on 127.0.0.1:port.
func start(port int, dataDir string, logger *slog.Logger) (*instance, error) {
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, fmt.Errorf("data directory %q: %w", dataDir, err)
	}
	if err = os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create data directory %q: %w", abs, err)
	}

	// Unix socket paths are limited to about 100 bytes.
	base := os.TempDir()
	if len(base) > 60 {
		base = "/tmp"
	}
	sockDir, err := os.MkdirTemp(base, "ferretdb-")
	if err != nil {
		return nil, fmt.Errorf("socket directory: %w", err)
	}
	inst := &instance{sockDir: sockDir}
	ok := false
	defer func() {
		if !ok {
			inst.close()
		}
	}()
	if err = os.Chmod(sockDir, 0o700); err != nil {
		return nil, err
	}
	socket := filepath.Join(sockDir, "db.sock")

	ix := newIndexer(abs)
	if err = ix.ensureAll(); err != nil {
		logger.Error("cannot add _id indexes", slog.String("error", err.Error()))
	}

	// FerretDB opens every database in WAL mode; synchronous(normal) there
	// means a commit does not wait for fsync (checkpoints still sync). The
	// files stay consistent if the process or machine dies; a power cut may
	// lose the last commits. For a development database that halves the cost
	// of every write (insert 1.8 -> 0.5 ms, update by _id 3.0 -> 1.2 ms).
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{Unix: socket},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/?_pragma=synchronous(normal)",
	})
	if err != nil {
		ix.close()
		return nil, err
	}
	fctx, stopFDB := context.WithCancel(context.Background())
	inst.stopFDB, inst.fdbDone = stopFDB, make(chan struct{})
	go func() {
		defer close(inst.fdbDone)
		_ = f.Run(fctx)
	}()

	inst.srv = &server{
		socket: socket,
		log:    logger,
		side:   sideConn{socket: socket},
		ix:     ix,
		conns:  map[net.Conn]struct{}{},
	}
	if inst.ln, err = net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err != nil {
		return nil, err
	}
	inst.addr = inst.ln.Addr().String()
	go inst.srv.serve(inst.ln)
	ok = true
	return inst, nil
}

// close stops accepting, ends every connection, stops FerretDB and removes
// the socket directory.
func (inst *instance) close() {
	if inst.ln != nil {
		_ = inst.ln.Close()
	}
	if s := inst.srv; s != nil {
		s.closeConns()
		s.mu.Lock()
		s.side.close()
		s.ix.close()
		s.mu.Unlock()
	}
	if inst.stopFDB != nil {
		inst.stopFDB()
		<-inst.fdbDone
	}
	_ = os.RemoveAll(inst.sockDir)
}
