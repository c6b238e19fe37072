// scratch.go manages the scratch collection of idfilter.go and the relay's
// own reads and writes around it.
//
// Every FerretDB command costs about a millisecond, so the relay remembers
// what the scratch collection holds after each use instead of emptying it
// blindly: when it already holds exactly the document needed (the same
// document written again, or a condition that did not match last time)
// nothing is written at all. When the contents are unknown (at start, after
// any error) it is emptied with a plain delete-all.

package main

import (
	"bytes"

	"github.com/FerretDB/wire/wirebson"
)

// scratchState is what the scratch collection is known to hold.
type scratchState struct {
	known bool
	docs  []wirebson.RawDocument
}

// set records the contents; the documents are copied, as they alias reply buffers.
func (st *scratchState) set(docs []wirebson.RawDocument) {
	st.known = true
	st.docs = st.docs[:0]
	for _, d := range docs {
		st.docs = append(st.docs, append(wirebson.RawDocument(nil), d...))
	}
}

func sameDocs(a, b []wirebson.RawDocument) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// resetScratch makes the scratch collection hold exactly docs.
func (s *server) resetScratch(docs []wirebson.RawDocument) error {
	st := &s.scratch
	if st.known && sameDocs(st.docs, docs) {
		return nil
	}
	wasKnown, old := st.known, st.docs
	st.known = false
	switch {
	case !wasKnown:
		all := wirebson.MustDocument("q", wirebson.MakeDocument(0), "limit", int32(0))
		if err := s.write(wirebson.MustDocument(
			"delete", scratchColl, "deletes", wirebson.MustArray(all), "$db", scratchDB)); err != nil {
			return err
		}
	case len(old) > 0:
		dels := wirebson.MakeArray(len(old))
		for _, d := range old {
			doc, err := d.Decode()
			if err != nil {
				return err
			}
			// one statement per _id: exact filters, pushed down to SQLite
			_ = dels.Add(wirebson.MustDocument("q", wirebson.MustDocument("_id", doc.Get("_id")), "limit", int32(1)))
		}
		if err := s.write(wirebson.MustDocument("delete", scratchColl, "deletes", dels, "$db", scratchDB)); err != nil {
			return err
		}
	}
	if len(docs) > 0 {
		if err := s.insert(scratchDB, scratchColl, docs); err != nil {
			return err
		}
	}
	st.set(docs)
	return nil
}

// findAll returns the documents matching filter (one batch is plenty here).
func (s *server) findAll(db, coll string, filter *wirebson.Document) ([]wirebson.RawDocument, error) {
	res, err := s.side.command(wirebson.MustDocument(
		"find", coll, "filter", filter, "batchSize", int32(100), "singleBatch", true, "$db", db,
	))
	if err != nil {
		return nil, err
	}
	if err = replyError(res); err != nil {
		return nil, err
	}
	cursor, _ := res.Get("cursor").(wirebson.RawDocument)
	if cursor == nil {
		return nil, errMalformed
	}
	c, err := cursor.Decode()
	if err != nil {
		return nil, err
	}
	batch, _ := c.Get("firstBatch").(wirebson.RawArray)
	if batch == nil {
		return nil, errMalformed
	}
	arr, err := batch.Decode()
	if err != nil {
		return nil, err
	}
	docs := make([]wirebson.RawDocument, 0, arr.Len())
	for v := range arr.Values() {
		d, ok := v.(wirebson.RawDocument)
		if !ok {
			return nil, errMalformed
		}
		docs = append(docs, d)
	}
	return docs, nil
}

func (s *server) insert(db, coll string, docs []wirebson.RawDocument) error {
	arr := wirebson.MakeArray(len(docs))
	for _, d := range docs {
		if err := arr.Add(d); err != nil {
			return err
		}
	}
	return s.write(wirebson.MustDocument("insert", coll, "documents", arr, "ordered", true, "$db", db))
}

// write runs a write command on the side connection; a failed reply is an error.
func (s *server) write(cmd *wirebson.Document) error {
	res, err := s.side.command(cmd)
	if err != nil {
		return err
	}
	return replyError(res)
}

// applyDiff makes the real collection match the scratch collection after the
// command: the pinned document replaced, removed or left alone, and any
// upserted document inserted. Unchanged bytes mean no write at all.
func (s *server) applyDiff(r *request, id any, before, after []wirebson.RawDocument) error {
	var same wirebson.RawDocument // the pinned document, as it is now
	var inserts []wirebson.RawDocument
	for _, a := range after {
		d, err := a.Decode()
		if err != nil {
			return err
		}
		if len(before) == 1 && d.Get("_id") == id {
			same = a
		} else {
			inserts = append(inserts, a)
		}
	}
	pin := wirebson.MustDocument("_id", id)
	switch {
	case len(before) == 0:
	case same == nil:
		del := wirebson.MustDocument("q", pin, "limit", int32(1))
		if err := s.write(wirebson.MustDocument(
			"delete", r.coll, "deletes", wirebson.MustArray(del), "$db", r.db)); err != nil {
			return err
		}
	case !bytes.Equal(before[0], same):
		upd := wirebson.MustDocument("q", pin, "u", same, "upsert", false, "multi", false)
		if err := s.write(wirebson.MustDocument(
			"update", r.coll, "updates", wirebson.MustArray(upd), "$db", r.db)); err != nil {
			return err
		}
	}
	if len(inserts) > 0 {
		return s.insert(r.db, r.coll, inserts)
	}
	return nil
}
