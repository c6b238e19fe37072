// idfilter.go makes single-document writes whose filter pins _id cheap.
//
// FerretDB's SQLite backend pushes a filter down to SQL only when it is exactly
// {_id: <string|ObjectId>}; a filter such as {_id: x, claimedBy: {$exists:
// false}} makes it read and decode every document of the collection (about
// 70-250 µs each: 1.1 s per write at 16,000 documents). For a findAndModify,
// or an update/delete with one statement, whose filter has a top-level _id
// equality and other keys, the relay instead (under the write lock): fetches
// the one document by exact _id (pushed down and indexed), puts it alone in a
// scratch collection, runs the client's own command there so FerretDB itself
// evaluates filter, operators, upsert, sort and `new` exactly as it would
// have (and refuses what it does not implement, such as a projection, in the
// same words), and applies the resulting difference to the real collection
// with exact-_id commands. Anything that goes wrong before the client's
// command ran falls back to relaying it as is. When the condition holds (the
// usual case), matched.go's shorter route runs instead of all this.

package main

import (
	"bytes"
	"strings"

	"github.com/FerretDB/wire/wirebson"
)

const (
	scratchDB   = "embedded_scratch"
	scratchColl = "pinned"
)

// pinnedID returns the _id a single-document write pins, if its filter has a
// top-level _id equality on a string or ObjectId and other keys too.
func pinnedID(r *request) (any, bool) {
	if r.msg == nil || r.db == "" || r.coll == "" || r.db == scratchDB {
		return nil, false
	}
	var filter any
	switch r.name {
	case "findandmodify":
		if len(r.msg.Sections()) != 1 {
			return nil, false
		}
		filter = r.cmd.Get("query")
	case "update", "delete":
		stmt, ok := singleStatement(r, r.name+"s")
		if !ok {
			return nil, false
		}
		d, err := stmt.Decode()
		if err != nil {
			return nil, false
		}
		filter = d.Get("q")
	default:
		return nil, false
	}
	raw, ok := filter.(wirebson.RawDocument)
	if !ok {
		return nil, false
	}
	f, err := raw.Decode()
	if err != nil || f.Len() < 2 {
		return nil, false
	}
	var id any
	n := 0
	for k, v := range f.All() {
		if k == "_id" {
			id, n = v, n+1
		}
	}
	if n != 1 {
		return nil, false
	}
	switch id.(type) {
	case string, wirebson.ObjectID:
		return id, true
	}
	return nil, false
}

// singleStatement returns the only statement of an update or delete command,
// whether it is in section 0 (as the Node.js driver sends it) or in a
// one-document kind-1 sequence (as the Go driver does).
func singleStatement(r *request, field string) (wirebson.RawDocument, bool) {
	sections := r.msg.Sections()
	if arr, ok := r.cmd.Get(field).(wirebson.RawArray); ok {
		if len(sections) != 1 {
			return nil, false
		}
		a, err := arr.Decode()
		if err != nil || a.Len() != 1 {
			return nil, false
		}
		d, ok := a.Get(0).(wirebson.RawDocument)
		return d, ok
	}
	if len(sections) != 2 || sections[1].Kind != 1 || sections[1].Identifier != field {
		return nil, false
	}
	docs := sections[1].Documents()
	if len(docs) != 1 {
		return nil, false
	}
	return docs[0], true
}

// runPinned performs a pinned write through the scratch collection and returns
// the reply document for the client; ok is false if the command should be
// relayed unchanged instead. The caller holds the write lock.
func (s *server) runPinned(r *request, id any) (reply wirebson.RawDocument, ok bool) {
	// (a) the one document, found by exact _id.
	before, err := s.findAll(r.db, r.coll, wirebson.MustDocument("_id", id))
	if err != nil || len(before) > 1 {
		return nil, false
	}
	// (b) alone in the scratch collection.
	if err = s.resetScratch(before); err != nil {
		return nil, false
	}
	// (c) the client's own command, pointed at the scratch collection.
	cmd := wirebson.MakeDocument(r.cmd.Len())
	for k, v := range r.cmd.All() {
		switch {
		case cmd.Len() == 0:
			v = scratchColl
		case k == "$db":
			v = scratchDB
		}
		if err = cmd.Add(k, v); err != nil {
			return nil, false
		}
	}
	raw, err := cmd.Encode()
	if err != nil {
		return nil, false
	}
	msg, err := withSection0(r.msg, raw)
	if err != nil {
		return nil, false
	}
	s.scratch.known = false // until the outcome is known
	if reply, err = s.side.request(msg); err != nil {
		return errorReply(r, err), true
	}
	// (d) the difference, applied to the real collection.
	if unchanged(r.name, reply) {
		s.scratch.set(before)
		return renameNamespace(r, reply), true
	}
	after, err := s.findAll(scratchDB, scratchColl, wirebson.MakeDocument(0))
	if err != nil {
		return errorReply(r, err), true
	}
	s.scratch.set(after)
	if err = s.applyDiff(r, id, before, after); err != nil {
		return errorReply(r, err), true
	}
	return renameNamespace(r, reply), true
}

// unchanged reports whether a reply shows that the command wrote nothing: it
// failed, or matched nothing, or (update) modified and upserted nothing.
// When in doubt it says false, and the caller reads the scratch collection.
func unchanged(name string, reply wirebson.RawDocument) bool {
	doc, err := reply.Decode()
	if err != nil {
		return false
	}
	if !replyOK(doc) {
		return true
	}
	if _, ok := doc.Get("writeErrors").(wirebson.RawArray); ok {
		return true // the only statement failed
	}
	switch name {
	case "findandmodify":
		leo, _ := doc.Get("lastErrorObject").(wirebson.RawDocument)
		if leo == nil {
			return false
		}
		d, err := leo.Decode()
		return err == nil && isZero(d.Get("n"))
	case "update":
		_, upserted := doc.Get("upserted").(wirebson.RawArray)
		return !upserted && isZero(doc.Get("nModified"))
	case "delete":
		return isZero(doc.Get("n"))
	}
	return false
}

func isZero(v any) bool {
	switch v := v.(type) {
	case int32:
		return v == 0
	case int64:
		return v == 0
	case float64:
		return v == 0
	}
	return false
}

// renameNamespace makes error messages in a scratch reply name the client's
// collection instead of the scratch one.
func renameNamespace(r *request, reply wirebson.RawDocument) wirebson.RawDocument {
	from, to := scratchDB+"."+scratchColl, r.db+"."+r.coll
	if !bytes.Contains(reply, []byte(from)) {
		return reply
	}
	doc, err := reply.Decode()
	if err != nil {
		return reply
	}
	fix := func(d *wirebson.Document) {
		if m, ok := d.Get("errmsg").(string); ok {
			_ = d.Replace("errmsg", strings.ReplaceAll(m, from, to))
		}
	}
	fix(doc)
	if we, ok := doc.Get("writeErrors").(wirebson.RawArray); ok {
		if arr, err := we.Decode(); err == nil {
			out := wirebson.MakeArray(arr.Len())
			for v := range arr.Values() {
				if rd, ok := v.(wirebson.RawDocument); ok {
					if d, err := rd.Decode(); err == nil {
						fix(d)
						v = d
					}
				}
				_ = out.Add(v)
			}
			_ = doc.Replace("writeErrors", out)
		}
	}
	if res, err := doc.Encode(); err == nil {
		return res
	}
	return reply
}
