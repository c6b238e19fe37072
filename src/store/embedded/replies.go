// replies.go builds the error replies the relay itself sends.
//
// When a pinned write (idfilter.go) ran in the scratch collection but could not
// be applied to the real one, the client must get the error MongoDB would give
// it, in the shape its driver expects: a command error for findAndModify, a
// write error for update and delete (as both MongoDB and FerretDB do). A
// SQLite UNIQUE constraint failure becomes code 11000, DuplicateKey.
//
// FerretDB itself reports an update that breaks a unique index other than
// _id as InternalError (code 1, with a Go stack in the message); relayed
// replies of that kind get the same 11000 treatment, so a client sees one
// duplicate-key error whichever path its update took.

package main

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/FerretDB/wire/wirebson"
)

const (
	codeInternal     = int32(1)
	codeDuplicateKey = int32(11000)
)

var errMalformed = errors.New("malformed reply from FerretDB")

// errorCode returns the MongoDB error code, code name and message for err.
func errorCode(r *request, err error) (int32, string, string) {
	code, msg := codeInternal, err.Error()
	var ce *commandError
	if errors.As(err, &ce) {
		code, msg = ce.code, ce.msg
		if code == 0 {
			code = codeInternal
		}
	}
	if code == codeDuplicateKey || strings.Contains(msg, "UNIQUE constraint failed") ||
		strings.Contains(msg, "duplicate key") {
		return codeDuplicateKey, "DuplicateKey",
			fmt.Sprintf("E11000 duplicate key error collection: %s.%s", r.db, r.coll)
	}
	if code == codeInternal {
		return code, "InternalError", msg
	}
	return code, "", msg
}

// errorReply is the reply document for a pinned write that failed.
func errorReply(r *request, err error) wirebson.RawDocument {
	code, name, msg := errorCode(r, err)
	var doc *wirebson.Document
	switch r.name {
	case "update", "delete":
		we := wirebson.MustDocument("index", int32(0), "code", code, "errmsg", msg)
		doc = wirebson.MustDocument("n", int32(0))
		if r.name == "update" {
			_ = doc.Add("nModified", int32(0))
		}
		_ = doc.Add("writeErrors", wirebson.MustArray(we))
		_ = doc.Add("ok", float64(1))
	default:
		doc = wirebson.MustDocument("ok", float64(0), "errmsg", msg, "code", code)
		if name != "" {
			_ = doc.Add("codeName", name)
		}
	}
	raw, encErr := doc.Encode()
	if encErr != nil {
		panic(encErr) // only fixed, valid types above
	}
	return raw
}

// uniqueViolation rewrites FerretDB's InternalError reply for an update or
// findAndModify that broke a unique index into MongoDB's DuplicateKey error;
// any other reply is returned as is.
func uniqueViolation(r *request, replies []frame) []frame {
	if len(replies) != 1 || (r.name != "update" && r.name != "findandmodify") ||
		!bytes.Contains(replies[0], []byte("UNIQUE constraint failed")) {
		return replies
	}
	raw, err := replies[0].replyDocument()
	if err != nil {
		return replies
	}
	doc, err := raw.Decode()
	if err != nil || replyOK(doc) {
		return replies
	}
	code, name, msg := errorCode(r, &commandError{code: codeInternal, msg: "UNIQUE constraint failed"})
	res, err := wirebson.MustDocument("ok", float64(0), "errmsg", msg, "code", code, "codeName", name).Encode()
	if err != nil {
		return replies
	}
	rep := replies[0]
	return []frame{msgFrame(rep.requestID(), rep.responseTo(), res)}
}
