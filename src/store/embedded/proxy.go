// proxy.go is the wire-protocol front door: clients connect to 127.0.0.1:<port>,
// and each client connection gets its own connection to FerretDB's private
// Unix socket, over which its messages are relayed.
//
// It exists to serialize writes. FerretDB v1 applies updates as "read, modify
// in Go, write back" without locking, so concurrent conditional updates both
// win and concurrent $push/$inc lose writes. Here every request that may write
// (classify.go) holds one process-wide mutex from forwarding it until its final
// reply is read, which gives every client, in any process, MongoDB's
// single-document atomicity. Reads still run concurrently.
//
// Messages go through byte for byte, except: a request with moreToCome (no
// reply expected) is sent without it so it completes before the next request,
// and FerretDB's reply, which it sends regardless, is swallowed; and pinned
// single-document writes take the route in matched.go when their condition
// holds, else the one in idfilter.go.

package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/FerretDB/wire"
)

// server relays client connections to FerretDB.
type server struct {
	socket string // FerretDB's Unix socket
	log    *slog.Logger
	nextID atomic.Int32 // request ids of messages the relay makes itself

	pinnedRuns  atomic.Int64 // writes done through the scratch collection (for tests)
	matchedRuns atomic.Int64 // pinned writes done as one narrowed command, matched.go (for tests)
	matchedOff  bool         // tests of the scratch path turn matched.go's route off (guarded by mu)

	mu      sync.Mutex // the write lock; also guards side, scratch and ix
	side    sideConn
	scratch scratchState
	ix      *indexer

	connsMu sync.Mutex
	conns   map[net.Conn]struct{}
	closed  bool
	wg      sync.WaitGroup
}

// track registers a connection so close can end it; false if closing already.
func (s *server) track(c net.Conn) bool {
	s.connsMu.Lock()
	defer s.connsMu.Unlock()
	if s.closed {
		return false
	}
	s.conns[c] = struct{}{}
	return true
}

func (s *server) untrack(c net.Conn) {
	s.connsMu.Lock()
	delete(s.conns, c)
	s.connsMu.Unlock()
	_ = c.Close()
}

// serve accepts client connections until ln is closed.
func (s *server) serve(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			s.log.Warn("accept failed", slog.String("error", err.Error()))
			time.Sleep(50 * time.Millisecond) // e.g. out of file descriptors: do not spin
			continue
		}
		if !s.track(c) {
			_ = c.Close()
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer s.untrack(c)
			s.relay(c)
		}()
	}
}

// closeConns ends every relayed connection and waits for their goroutines.
func (s *server) closeConns() {
	s.connsMu.Lock()
	s.closed = true
	for c := range s.conns {
		_ = c.Close()
	}
	s.connsMu.Unlock()
	s.wg.Wait()
}

// relay serves one client connection until either side closes it.
func (s *server) relay(client net.Conn) {
	backend, err := net.Dial("unix", s.socket)
	if err != nil {
		s.log.Error("cannot reach FerretDB", slog.String("error", err.Error()))
		return
	}
	if !s.track(backend) {
		_ = backend.Close()
		return
	}
	defer s.untrack(backend)

	cr, cw := bufio.NewReader(client), bufio.NewWriter(client)
	be := &backendConn{r: bufio.NewReader(backend), w: bufio.NewWriter(backend)}
	for {
		req, err := readFrame(cr)
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) {
				s.log.Debug("client read failed", slog.String("error", err.Error()))
			}
			return
		}
		replies, err := s.exchange(req, be)
		if err != nil {
			s.log.Debug("relay failed", slog.String("error", err.Error()))
			return
		}
		for _, rep := range replies {
			if _, err = cw.Write(rep); err != nil {
				return
			}
		}
		if err = cw.Flush(); err != nil {
			return
		}
	}
}

// backendConn is the FerretDB end of one relayed connection.
type backendConn struct {
	r *bufio.Reader
	w *bufio.Writer
}

// roundTrip sends a request and reads replies until one without moreToCome.
func (b *backendConn) roundTrip(req frame) ([]frame, error) {
	if _, err := b.w.Write(req); err != nil {
		return nil, err
	}
	if err := b.w.Flush(); err != nil {
		return nil, err
	}
	var replies []frame
	for {
		rep, err := readFrame(b.r)
		if err != nil {
			return nil, err
		}
		replies = append(replies, rep)
		if !rep.moreToCome() {
			return replies, nil
		}
	}
}

// exchange handles one client request and returns the replies to send back.
func (s *server) exchange(req frame, be *backendConn) ([]frame, error) {
	switch req.opCode() {
	case wire.OpCodeMsg, wire.OpCodeQuery:
	default:
		// FerretDB handles nothing else (not even OP_COMPRESSED, which it never
		// offers); it would drop the connection, so do that here.
		return nil, errors.New("unsupported opcode " + req.opCode().String())
	}
	r := parseRequest(req)
	noReply := req.moreToCome()
	send := req
	if noReply {
		send = req.withoutMoreToCome() // FerretDB replies anyway; wait for it
	}

	if s.log.Enabled(context.Background(), slog.LevelDebug) {
		sections, flags := 0, ""
		if r.msg != nil {
			sections, flags = len(r.msg.Sections()), r.msg.Flags.String()
		}
		s.log.Debug("request", slog.String("opcode", req.opCode().String()), slog.String("command", r.name),
			slog.String("db", r.db), slog.String("flags", flags),
			slog.Int("sections", sections), slog.Bool("readOnly", r.isReadOnly()))
	}

	var replies []frame
	var err error
	if r.isReadOnly() {
		replies, err = be.roundTrip(send)
	} else {
		s.mu.Lock()
		replies, err = s.locked(r, send, be)
		s.mu.Unlock()
	}
	if noReply {
		return nil, err
	}
	return replies, err
}

// locked runs a write request; the caller holds the write lock.
func (s *server) locked(r *request, send frame, be *backendConn) ([]frame, error) {
	if r.name == "dropdatabase" && r.db != "" {
		s.ix.forgetDB(r.db) // close our handle before FerretDB deletes the file
	}
	if r.db == scratchDB || r.name == "renamecollection" || r.cmd == nil {
		s.scratch.known = false // a client may have touched the scratch collection
	}

	var replies []frame
	if id, ok := pinnedID(r); ok {
		if matched, ok := s.runMatchedUnlessOff(r, id); ok {
			s.matchedRuns.Add(1)
			replies = matched
		} else if doc, ok := s.runPinned(r, id); ok {
			s.pinnedRuns.Add(1)
			replies = []frame{msgFrame(s.nextID.Add(1), r.f.requestID(), doc)}
		}
	}
	if replies == nil {
		var err error
		if replies, err = be.roundTrip(send); err != nil {
			return nil, err
		}
		replies = uniqueViolation(r, replies)
	}

	if err := s.afterWrite(r); err != nil {
		s.log.Warn("cannot index _id", slog.String("db", r.db), slog.String("error", err.Error()))
	}
	for _, db := range []string{r.db, scratchDB} {
		if err := s.ix.checkpoint(db); err != nil {
			s.log.Warn("cannot checkpoint", slog.String("db", db), slog.String("error", err.Error()))
		}
	}
	return replies, nil
}

// afterWrite keeps the _id indexes (sqliteindex.go) in step with collections
// that a write may have created or removed.
func (s *server) afterWrite(r *request) error {
	if r.cmd == nil {
		return nil // OP_QUERY, or unparsable: FerretDB does not run those
	}
	switch r.name {
	case "insert", "update", "findandmodify", "create", "createindexes":
		return s.ix.ensure(r.db, r.coll)
	case "drop":
		s.ix.forget(r.db, r.coll)
	case "renamecollection":
		to, _ := r.cmd.Get("to").(string)
		for _, ns := range []string{r.coll, to} {
			db, coll, _ := strings.Cut(ns, ".")
			s.ix.forget(db, coll)
		}
	case "dropdatabase", "delete", "dropindexes", "":
	default:
		// Unknown writes (aggregate with $out, collMod, ...): check the whole database.
		return s.ix.ensure(r.db, "")
	}
	return nil
}
