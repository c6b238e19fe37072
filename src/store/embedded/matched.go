// matched.go is the short route for a pinned write (idfilter.go) whose
// condition holds, which is what nearly every conditional write in PreLetter
// finds: a delivery marked sent by the instance holding its claim, an agenda
// entry moved by the sweep that read its version, a thread added once.
//
// Under the write lock, the relay asks FerretDB whether the one document with
// that _id matches the client's whole filter, with an aggregation whose first
// stage is {$match: {_id: <id>}} (pushed down to SQLite, so only that document
// is read) and whose second stage is {$match: <the client's filter>}, which
// FerretDB evaluates with the very filter code its update, findAndModify and
// delete run. If it matches, nothing can change it before the write (every
// write holds the lock), so the client's own command with its filter narrowed
// to {_id: <id>} does exactly what the original would have done, in one
// pushed-down command instead of the scratch collection's five or six. If it
// does not match, or anything is unusual (positional or pipeline updates,
// arrayFilters, collation, hint, let, an error), the scratch route runs as
// before, so misses, upserts and errors keep FerretDB's own answers.

package main

import (
	"bytes"

	"github.com/FerretDB/wire"
	"github.com/FerretDB/wire/wirebson"
)

// statementKeys are the statement fields the short route understands.
var statementKeys = map[string]map[string]bool{
	"update": {"q": true, "u": true, "upsert": true, "multi": true},
	"delete": {"q": true, "limit": true},
}

// findAndModifyUnusual are findAndModify fields that make the short route step aside.
var findAndModifyUnusual = map[string]bool{"arrayFilters": true, "collation": true, "hint": true, "let": true}

// positional reports whether an update document may depend on which array
// element the filter matched ($, $[], $[<id>]), or is a pipeline: narrowing
// the filter would change its meaning, so such writes take the scratch route.
func positional(update any) bool {
	raw, ok := update.(wirebson.RawDocument)
	if !ok {
		return true // a pipeline (array) or something unexpected
	}
	return bytes.Contains(raw, []byte(".$"))
}

// narrowed returns the client's command with its filter replaced by {_id: id},
// as a single section 0 document, and the filter it replaced; ok is false when
// the command has anything the short route does not handle.
func narrowed(r *request, id any) (cmd *wirebson.Document, filter wirebson.RawDocument, ok bool) {
	pin := wirebson.MustDocument("_id", id)
	switch r.name {
	case "findandmodify":
		cmd = wirebson.MakeDocument(r.cmd.Len())
		for k, v := range r.cmd.All() {
			switch {
			case findAndModifyUnusual[k]:
				return nil, nil, false
			case k == "update" && positional(v):
				return nil, nil, false
			case k == "query":
				filter, _ = v.(wirebson.RawDocument)
				v = pin
			}
			if cmd.Add(k, v) != nil {
				return nil, nil, false
			}
		}
		return cmd, filter, filter != nil
	case "update", "delete":
		field := r.name + "s"
		stmt, found := singleStatement(r, field)
		if !found {
			return nil, nil, false
		}
		d, err := stmt.Decode()
		if err != nil {
			return nil, nil, false
		}
		narrow := wirebson.MakeDocument(d.Len())
		for k, v := range d.All() {
			switch {
			case !statementKeys[r.name][k]:
				return nil, nil, false
			case k == "u" && positional(v):
				return nil, nil, false
			case k == "q":
				filter, _ = v.(wirebson.RawDocument)
				v = pin
			}
			if narrow.Add(k, v) != nil {
				return nil, nil, false
			}
		}
		// The statement goes into section 0 (a kind-1 sequence of the same name means the same).
		cmd = wirebson.MakeDocument(r.cmd.Len() + 1)
		for k, v := range r.cmd.All() {
			if k == field {
				continue
			}
			if cmd.Add(k, v) != nil {
				return nil, nil, false
			}
			if cmd.Len() == 1 && cmd.Add(field, wirebson.MustArray(narrow)) != nil {
				return nil, nil, false
			}
		}
		return cmd, filter, filter != nil
	}
	return nil, nil, false
}

// matches asks FerretDB whether the document with this _id matches filter,
// reading only that document; false on any doubt.
func (s *server) matches(r *request, id any, filter wirebson.RawDocument) bool {
	pipeline := wirebson.MustArray(
		wirebson.MustDocument("$match", wirebson.MustDocument("_id", id)),
		wirebson.MustDocument("$match", filter),
		wirebson.MustDocument("$project", wirebson.MustDocument("_id", int32(1))),
	)
	res, err := s.side.command(wirebson.MustDocument(
		"aggregate", r.coll, "pipeline", pipeline, "cursor", wirebson.MustDocument("batchSize", int32(2)), "$db", r.db,
	))
	if err != nil || replyError(res) != nil {
		return false
	}
	cursor, _ := res.Get("cursor").(wirebson.RawDocument)
	if cursor == nil {
		return false
	}
	c, err := cursor.Decode()
	if err != nil {
		return false
	}
	batch, _ := c.Get("firstBatch").(wirebson.RawArray)
	if batch == nil {
		return false
	}
	arr, err := batch.Decode()
	return err == nil && arr.Len() == 1
}

// runMatched performs a pinned write whose condition holds as one narrowed
// command; ok is false when the scratch route should run instead. The caller
// holds the write lock.
func (s *server) runMatched(r *request, id any) (replies []frame, ok bool) {
	cmd, filter, ok := narrowed(r, id)
	if !ok || !s.matches(r, id, filter) {
		return nil, false
	}
	msg, err := wire.NewOpMsg(cmd)
	if err != nil {
		return nil, false
	}
	reply, err := s.side.request(msg)
	if err != nil {
		// The connection to FerretDB broke with the write sent: like a dropped
		// connection to MongoDB, the client is told it failed.
		return []frame{msgFrame(s.nextID.Add(1), r.f.requestID(), errorReply(r, err))}, true
	}
	return uniqueViolation(r, []frame{msgFrame(s.nextID.Add(1), r.f.requestID(), reply)}), true
}

// runMatchedUnlessOff is runMatched, unless a test turned the short route off.
func (s *server) runMatchedUnlessOff(r *request, id any) ([]frame, bool) {
	if s.matchedOff {
		return nil, false
	}
	return s.runMatched(r, id)
}
