// side.go is the relay's own connection to FerretDB, for the extra commands it
// issues itself (the _id-pinned write steps in idfilter.go).
//
// It is used only while holding the write lock, so one connection is enough
// and nothing else needs guarding. A connection that failed is dropped and a
// new one is dialled on the next use.

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"time"

	"github.com/FerretDB/wire"
	"github.com/FerretDB/wire/wirebson"
	"github.com/FerretDB/wire/wireclient"
)

const sideTimeout = 30 * time.Second

type sideConn struct {
	socket string
	c      *wireclient.Conn
}

// command runs one command (a section 0 document that includes $db) and returns
// FerretDB's reply document, top level decoded. Protocol errors ({ok: 0}) are
// replies, not errors; errors mean the connection failed.
func (s *sideConn) command(doc *wirebson.Document) (*wirebson.Document, error) {
	raw, err := s.commandRaw(doc)
	if err != nil {
		return nil, err
	}
	return raw.Decode()
}

// commandRaw is command with the reply left encoded.
func (s *sideConn) commandRaw(doc *wirebson.Document) (wirebson.RawDocument, error) {
	msg, err := wire.NewOpMsg(doc)
	if err != nil {
		return nil, err
	}
	return s.request(msg)
}

// request sends an OP_MSG and returns section 0 of its reply.
func (s *sideConn) request(msg *wire.OpMsg) (wirebson.RawDocument, error) {
	if s.c == nil {
		nc, err := net.DialTimeout("unix", s.socket, sideTimeout)
		if err != nil {
			return nil, err
		}
		s.c = wireclient.New(nc, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}
	ctx, cancel := context.WithTimeout(context.Background(), sideTimeout)
	defer cancel()
	_, body, err := s.c.Request(ctx, msg)
	if err != nil {
		s.close()
		return nil, err
	}
	reply, ok := body.(*wire.OpMsg)
	if !ok {
		s.close()
		return nil, fmt.Errorf("unexpected reply type %T", body)
	}
	return reply.RawDocument()
}

func (s *sideConn) close() {
	if s.c != nil {
		_ = s.c.Close()
		s.c = nil
	}
}

// replyOK reports whether a reply document says ok: 1.
func replyOK(doc *wirebson.Document) bool {
	switch v := doc.Get("ok").(type) {
	case float64:
		return v == 1
	case int32:
		return v == 1
	case int64:
		return v == 1
	case bool:
		return v
	}
	return false
}

// replyError turns a failed reply ({ok: 0} or write errors) into an error; nil if it succeeded.
func replyError(doc *wirebson.Document) error {
	if !replyOK(doc) {
		code, _ := doc.Get("code").(int32)
		msg, _ := doc.Get("errmsg").(string)
		return &commandError{code: code, msg: msg}
	}
	if we, ok := doc.Get("writeErrors").(wirebson.RawArray); ok {
		arr, err := we.Decode()
		if err != nil || arr.Len() == 0 {
			return errors.New("undecodable writeErrors")
		}
		first, _ := arr.Get(0).(wirebson.RawDocument)
		if first == nil {
			return errors.New("undecodable writeErrors")
		}
		d, err := first.Decode()
		if err != nil {
			return err
		}
		code, _ := d.Get("code").(int32)
		msg, _ := d.Get("errmsg").(string)
		return &commandError{code: code, msg: msg}
	}
	return nil
}

// commandError is an error reply from FerretDB.
type commandError struct {
	code int32
	msg  string
}

func (e *commandError) Error() string { return fmt.Sprintf("%s (code %d)", e.msg, e.code) }
