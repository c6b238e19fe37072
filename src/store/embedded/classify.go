// classify.go decides which requests may run without the process-wide write lock.
//
// FerretDB v1 runs every update as "read, modify in Go, write back" without
// locking, so two writers can interleave. Rather than judge which writes are
// safe, the relay lets through unlocked only an explicit allowlist of commands
// that cannot change data; everything else (known writes, unknown commands,
// anything it cannot parse) is serialized. Getting this list wrong in the
// "read" direction would bring lost updates back, so it stays conservative.

package main

import (
	"strings"

	"github.com/FerretDB/wire"
	"github.com/FerretDB/wire/wirebson"
)

// readOnlyCommands are lower-cased command names that never change stored data.
var readOnlyCommands = map[string]bool{
	"find": true, "getmore": true, "killcursors": true, "count": true, "distinct": true,
	"listcollections": true, "listindexes": true, "listdatabases": true, "listcommands": true,
	"ping": true, "hello": true, "ismaster": true, "buildinfo": true, "serverstatus": true,
	"hostinfo": true, "getparameter": true, "getcmdlineopts": true, "connectionstatus": true,
	"whatsmyuri": true, "endsessions": true, "explain": true, "saslstart": true,
	"saslcontinue": true, "getlog": true, "dbstats": true, "collstats": true, "datasize": true,
	"validate": true, "getfreemonitoringstatus": true, "currentop": true, "usersinfo": true,
	"logout": true, "getlasterror": true, "connpoolstats": true, "features": true,
	"atlasversion": true, "getdefaultrwconcern": true, "lockinfo": true, "top": true,
	// aggregate is read-only unless it has a $out or $merge stage: see isReadOnly.
}

// request is one client message with what the relay needs to know about it.
type request struct {
	f    frame
	msg  *wire.OpMsg        // parsed OP_MSG, or nil
	cmd  *wirebson.Document // section 0 of an OP_MSG, top level only, or nil
	name string             // lower-cased command name, "" if unknown
	db   string             // $db of an OP_MSG
	coll string             // the command's first value when it is a string (the collection)
}

// parseRequest extracts what the relay needs from a client frame. It never
// fails: a message it cannot parse is simply treated as an unknown write.
func parseRequest(f frame) *request {
	r := &request{f: f}
	switch f.opCode() {
	case wire.OpCodeMsg:
		msg, err := f.parseMsg()
		if err != nil {
			return r
		}
		raw := msg.RawSection0()
		if raw == nil {
			return r
		}
		doc, err := raw.Decode()
		if err != nil {
			return r
		}
		r.msg, r.cmd = msg, doc
		r.name = strings.ToLower(doc.Command())
		r.db, _ = doc.Get("$db").(string)
		if doc.Len() > 0 {
			_, v := doc.GetByIndex(0)
			r.coll, _ = v.(string)
		}
	case wire.OpCodeQuery:
		ns, command, err := f.opQueryCommand()
		if err == nil && strings.HasSuffix(ns, ".$cmd") {
			r.name = strings.ToLower(command)
		}
	}
	return r
}

// isReadOnly reports whether the request may run without the write lock.
func (r *request) isReadOnly() bool {
	switch r.f.opCode() {
	case wire.OpCodeQuery:
		// Drivers open every connection with a legacy OP_QUERY hello.
		return r.name == "hello" || r.name == "ismaster"
	case wire.OpCodeMsg:
		if r.cmd == nil {
			return false
		}
		if r.name == "aggregate" {
			return !hasWriteStage(r.cmd.Get("pipeline"))
		}
		return readOnlyCommands[r.name]
	default:
		return false
	}
}

// hasWriteStage reports whether an aggregation pipeline has a $out or $merge
// stage; a pipeline it cannot read counts as writing.
func hasWriteStage(v any) bool {
	raw, ok := v.(wirebson.RawArray)
	if !ok {
		return true
	}
	arr, err := raw.Decode()
	if err != nil {
		return true
	}
	for stage := range arr.Values() {
		d, ok := stage.(wirebson.RawDocument)
		if !ok {
			return true
		}
		sd, err := d.Decode()
		if err != nil {
			return true
		}
		for name := range sd.All() {
			if name == "$out" || name == "$merge" {
				return true
			}
		}
	}
	return false
}
