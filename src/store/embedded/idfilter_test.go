// idfilter_test.go checks that writes pinned by _id (idfilter.go) behave as
// MongoDB specifies, and exactly as FerretDB itself does when asked directly
// on its Unix socket, where no scratch collection is involved.

package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"testing"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/bson/primitive"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

type pinCase struct {
	name   string
	pinned bool     // expected to take a pinned route (matched.go or the scratch path)
	match  bool     // expected to take matched.go's short route (when it is on)
	cmd    bson.D   // the command, without its first key (name: "c")
	verb   string   // findAndModify, update or delete
	want   bson.M   // expected reply fields (subset), if any
	code   int32    // expected error code (command error or first write error)
	docs   []bson.M // expected documents afterwards, by _id
}

var seed = []any{
	bson.M{"_id": "a", "status": "open", "n": int32(1), "email": "a@x"},
	bson.M{"_id": "b", "status": "open", "n": int32(5), "email": "b@x"},
}

func seedDocs() []bson.M {
	return []bson.M{
		{"_id": "a", "status": "open", "n": int32(1), "email": "a@x"},
		{"_id": "b", "status": "open", "n": int32(5), "email": "b@x"},
	}
}

func withDoc(docs []bson.M, id string, d bson.M) []bson.M {
	var out []bson.M
	done := false
	for _, x := range docs {
		if x["_id"] == id {
			done = true
			if d != nil {
				out = append(out, d)
			}
			continue
		}
		out = append(out, x)
	}
	if !done && d != nil {
		out = append(out, d)
	}
	return out
}

func pinCases() []pinCase {
	a := seedDocs()[0]
	aClosed := bson.M{"_id": "a", "status": "closed", "n": int32(2), "email": "a@x"}
	famUpdate := bson.D{{Key: "$set", Value: bson.M{"status": "closed"}}, {Key: "$inc", Value: bson.M{"n": 1}}}
	return []pinCase{
		{name: "findAndModify condition matches, new", pinned: true, match: true, verb: "findAndModify",
			cmd:  bson.D{{Key: "query", Value: bson.M{"_id": "a", "status": "open"}}, {Key: "update", Value: famUpdate}, {Key: "new", Value: true}},
			want: bson.M{"value": aClosed, "lastErrorObject": bson.M{"n": int32(1), "updatedExisting": true}},
			docs: withDoc(seedDocs(), "a", aClosed)},
		{name: "findAndModify new false returns the old document", pinned: true, match: true, verb: "findAndModify",
			cmd:  bson.D{{Key: "query", Value: bson.M{"_id": "a", "status": "open"}}, {Key: "update", Value: famUpdate}, {Key: "new", Value: false}},
			want: bson.M{"value": a},
			docs: withDoc(seedDocs(), "a", aClosed)},
		{name: "findAndModify condition does not match", pinned: true, verb: "findAndModify",
			cmd:  bson.D{{Key: "query", Value: bson.M{"_id": "a", "status": "closed"}}, {Key: "update", Value: famUpdate}},
			want: bson.M{"value": nil, "lastErrorObject": bson.M{"n": int32(0), "updatedExisting": false}},
			docs: seedDocs()},
		{name: "findAndModify upsert inserts", pinned: true, verb: "findAndModify",
			cmd: bson.D{{Key: "query", Value: bson.M{"_id": "z", "status": bson.M{"$exists": false}}},
				{Key: "update", Value: bson.M{"$set": bson.M{"status": "new"}}}, {Key: "upsert", Value: true}, {Key: "new", Value: true}},
			want: bson.M{"value": bson.M{"_id": "z", "status": "new"}, "lastErrorObject": bson.M{"n": int32(1), "updatedExisting": false, "upserted": "z"}},
			docs: withDoc(seedDocs(), "z", bson.M{"_id": "z", "status": "new"})},
		{name: "findAndModify upsert on existing _id that does not match: E11000", pinned: true, verb: "findAndModify",
			cmd: bson.D{{Key: "query", Value: bson.M{"_id": "a", "status": "closed"}},
				{Key: "update", Value: bson.M{"$set": bson.M{"x": 1}}}, {Key: "upsert", Value: true}},
			code: 11000, docs: seedDocs()},
		{name: "findAndModify remove", pinned: true, match: true, verb: "findAndModify",
			cmd:  bson.D{{Key: "query", Value: bson.M{"_id": "a", "status": "open"}}, {Key: "remove", Value: true}},
			want: bson.M{"value": a}, docs: withDoc(seedDocs(), "a", nil)},
		{name: "findAndModify remove, no match", pinned: true, verb: "findAndModify",
			cmd:  bson.D{{Key: "query", Value: bson.M{"_id": "a", "status": "gone"}}, {Key: "remove", Value: true}},
			want: bson.M{"value": nil}, docs: seedDocs()},
		{name: "findAndModify with sort", pinned: true, match: true, verb: "findAndModify",
			cmd: bson.D{{Key: "query", Value: bson.M{"_id": "a", "n": bson.M{"$gte": 1}}}, {Key: "sort", Value: bson.M{"n": -1}},
				{Key: "update", Value: famUpdate}, {Key: "new", Value: true}},
			want: bson.M{"value": aClosed},
			docs: withDoc(seedDocs(), "a", aClosed)},
		// FerretDB v1 does not implement findAndModify's projection (code 238,
		// NotImplemented); the relay keeps that answer, and changes nothing.
		{name: "findAndModify with projection is not implemented by FerretDB", pinned: true, match: true, verb: "findAndModify",
			cmd: bson.D{{Key: "query", Value: bson.M{"_id": "a", "status": "open"}},
				{Key: "fields", Value: bson.M{"status": 1}}, {Key: "update", Value: famUpdate}, {Key: "new", Value: true}},
			code: 238, docs: seedDocs()},
		{name: "findAndModify replacement document", pinned: true, match: true, verb: "findAndModify",
			cmd: bson.D{{Key: "query", Value: bson.M{"_id": "a", "status": "open"}},
				{Key: "update", Value: bson.M{"status": "replaced"}}, {Key: "new", Value: true}},
			want: bson.M{"value": bson.M{"_id": "a", "status": "replaced"}},
			docs: withDoc(seedDocs(), "a", bson.M{"_id": "a", "status": "replaced"})},
		{name: "findAndModify exact _id is relayed as is", pinned: false, verb: "findAndModify",
			cmd:  bson.D{{Key: "query", Value: bson.M{"_id": "a"}}, {Key: "update", Value: famUpdate}, {Key: "new", Value: true}},
			want: bson.M{"value": aClosed}, docs: withDoc(seedDocs(), "a", aClosed)},
		{name: "findAndModify _id operator is relayed as is", pinned: false, verb: "findAndModify",
			cmd: bson.D{{Key: "query", Value: bson.M{"_id": bson.M{"$eq": "a"}, "status": "open"}},
				{Key: "update", Value: famUpdate}, {Key: "new", Value: true}},
			want: bson.M{"value": aClosed}, docs: withDoc(seedDocs(), "a", aClosed)},
		{name: "update with condition", pinned: true, match: true, verb: "update",
			cmd: bson.D{{Key: "updates", Value: bson.A{bson.M{"q": bson.M{"_id": "b", "status": "open"},
				"u": bson.M{"$set": bson.M{"status": "sent"}}}}}},
			want: bson.M{"n": int32(1), "nModified": int32(1)},
			docs: withDoc(seedDocs(), "b", bson.M{"_id": "b", "status": "sent", "n": int32(5), "email": "b@x"})},
		{name: "update with condition, no match", pinned: true, verb: "update",
			cmd: bson.D{{Key: "updates", Value: bson.A{bson.M{"q": bson.M{"_id": "b", "status": "sent"},
				"u": bson.M{"$set": bson.M{"status": "x"}}}}}},
			want: bson.M{"n": int32(0), "nModified": int32(0)}, docs: seedDocs()},
		{name: "update that changes nothing", pinned: true, match: true, verb: "update",
			cmd: bson.D{{Key: "updates", Value: bson.A{bson.M{"q": bson.M{"_id": "b", "status": "open"},
				"u": bson.M{"$set": bson.M{"status": "open"}}}}}},
			want: bson.M{"n": int32(1), "nModified": int32(0)}, docs: seedDocs()},
		{name: "update upsert takes the query's equalities", pinned: true, verb: "update",
			cmd: bson.D{{Key: "updates", Value: bson.A{bson.M{"q": bson.M{"_id": "z", "status": "open"},
				"u": bson.M{"$set": bson.M{"n": 9}}, "upsert": true}}}},
			want: bson.M{"n": int32(1), "nModified": int32(0), "upserted": bson.A{bson.M{"index": int32(0), "_id": "z"}}},
			docs: withDoc(seedDocs(), "z", bson.M{"_id": "z", "status": "open", "n": int32(9)})},
		{name: "delete with condition", pinned: true, match: true, verb: "delete",
			cmd:  bson.D{{Key: "deletes", Value: bson.A{bson.M{"q": bson.M{"_id": "b", "n": bson.M{"$gt": 3}}, "limit": 1}}}},
			want: bson.M{"n": int32(1)}, docs: withDoc(seedDocs(), "b", nil)},
		{name: "delete with condition, no match", pinned: true, verb: "delete",
			cmd:  bson.D{{Key: "deletes", Value: bson.A{bson.M{"q": bson.M{"_id": "b", "n": bson.M{"$gt": 7}}, "limit": 0}}}},
			want: bson.M{"n": int32(0)}, docs: seedDocs()},
		// An update that depends on which array element matched, or names array filters, is not narrowed.
		{name: "update with a positional operator keeps the scratch path", pinned: true, verb: "update",
			cmd: bson.D{{Key: "updates", Value: bson.A{bson.M{"q": bson.M{"_id": "a", "status": "open"},
				"u": bson.M{"$set": bson.M{"n.$": 2}}}}}},
			code: 28, docs: seedDocs()},
		{name: "findAndModify with arrayFilters keeps the scratch path", pinned: true, verb: "findAndModify",
			cmd: bson.D{{Key: "query", Value: bson.M{"_id": "a", "status": "open"}},
				{Key: "update", Value: bson.M{"$set": bson.M{"n": 3}}}, {Key: "arrayFilters", Value: bson.A{bson.M{"x": 1}}}},
			code: 238, docs: seedDocs()},
		{name: "update of two statements is relayed as is", pinned: false, verb: "update",
			cmd: bson.D{{Key: "updates", Value: bson.A{
				bson.M{"q": bson.M{"_id": "a", "status": "open"}, "u": bson.M{"$set": bson.M{"status": "x"}}},
				bson.M{"q": bson.M{"_id": "b", "status": "open"}, "u": bson.M{"$set": bson.M{"status": "y"}}}}}},
			want: bson.M{"n": int32(2), "nModified": int32(2)},
			docs: []bson.M{{"_id": "a", "status": "x", "n": int32(1), "email": "a@x"}, {"_id": "b", "status": "y", "n": int32(5), "email": "b@x"}}},
	}
}

// directClient connects to FerretDB's own socket, bypassing the relay.
func directClient(t testing.TB, inst *instance) *mongo.Client {
	t.Helper()
	uri := "mongodb://" + url.QueryEscape(inst.srv.socket) + "/"
	c, err := mongo.Connect(context.Background(), options.Client().ApplyURI(uri))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Disconnect(context.Background()) })
	return c
}

// runPinCase seeds a fresh collection, runs the case's command and returns the
// reply (or error code) and the documents afterwards.
func runPinCase(t *testing.T, c *mongo.Client, db string, pc pinCase) (bson.M, int32, []bson.M) {
	t.Helper()
	ctx := ctxT(t)
	coll := c.Database(db).Collection("c")
	if _, err := coll.InsertMany(ctx, seed); err != nil {
		t.Fatal(err)
	}
	cmd := append(bson.D{{Key: pc.verb, Value: "c"}}, pc.cmd...)
	var reply bson.M
	var code int32
	err := c.Database(db).RunCommand(ctx, cmd).Decode(&reply)
	var ce mongo.CommandError
	var we mongo.WriteException
	switch {
	case errors.As(err, &ce):
		code = ce.Code
	case errors.As(err, &we) && len(we.WriteErrors) > 0:
		code = int32(we.WriteErrors[0].Code)
	case err != nil:
		t.Fatal(err)
	}
	if we, ok := reply["writeErrors"].(bson.A); ok && len(we) > 0 {
		code = we[0].(bson.M)["code"].(int32)
	}
	cur, err := coll.Find(ctx, bson.M{}, options.Find().SetSort(bson.M{"_id": 1}))
	if err != nil {
		t.Fatal(err)
	}
	var docs []bson.M
	if err = cur.All(ctx, &docs); err != nil {
		t.Fatal(err)
	}
	return reply, code, docs
}

func TestPinnedWritesMatchMongoDBAndFerretDB(t *testing.T) {
	inst := startServer(t, t.TempDir())
	relay, direct := connect(t, inst), directClient(t, inst)
	// Every case with the short route (matched.go) on, then with only the scratch path.
	for _, short := range []bool{true, false} {
		inst.srv.mu.Lock()
		inst.srv.matchedOff = !short
		inst.srv.mu.Unlock()
		for i, pc := range pinCases() {
			name := fmt.Sprintf("%s (short route %v)", pc.name, short)
			db := fmt.Sprintf("s%v%d", short, i)
			t.Run(name, func(t *testing.T) { checkPinCase(t, inst, relay, direct, db, pc, short) })
		}
	}
}

// checkPinCase runs one case through the relay and directly, and compares both with what it expects.
func checkPinCase(t *testing.T, inst *instance, relay, direct *mongo.Client, db string, pc pinCase, short bool) {
	scratchBefore, matchedBefore := inst.srv.pinnedRuns.Load(), inst.srv.matchedRuns.Load()
	reply, code, docs := runPinCase(t, relay, "r"+db, pc)
	matched := inst.srv.matchedRuns.Load() > matchedBefore
	scratch := inst.srv.pinnedRuns.Load() > scratchBefore
	wantMatched := pc.match && short
	if matched != wantMatched || scratch != (pc.pinned && !wantMatched) {
		t.Errorf("short route taken = %v, scratch path taken = %v; want %v, %v", matched, scratch, wantMatched, pc.pinned && !wantMatched)
	}
	if code != pc.code {
		t.Fatalf("error code %d, want %d (reply %v)", code, pc.code, reply)
	}
	for k, v := range pc.want {
		if !reflect.DeepEqual(normalize(v), normalize(reply[k])) {
			t.Errorf("reply %s = %v, want %v", k, reply[k], v)
		}
	}
	if !reflect.DeepEqual(normalize(docs), normalize(pc.docs)) {
		t.Errorf("documents afterwards:\n got %v\nwant %v", docs, pc.docs)
	}

	dReply, dCode, dDocs := runPinCase(t, direct, "d"+db, pc)
	delete(reply, "errmsg")
	delete(dReply, "errmsg")
	if code != dCode || !reflect.DeepEqual(reply, dReply) {
		t.Errorf("FerretDB directly replies %v (code %d), the relay %v (code %d)", dReply, dCode, reply, code)
	}
	if !reflect.DeepEqual(docs, dDocs) {
		t.Errorf("FerretDB directly leaves %v, the relay %v", dDocs, docs)
	}
}

// normalize makes numbers of different integer types comparable.
func normalize(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case bson.M:
		m := bson.M{}
		for k, e := range x {
			m[k] = normalize(e)
		}
		return m
	case []bson.M:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = normalize(e)
		}
		return a
	case bson.A:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = normalize(e)
		}
		return a
	}
	return v
}

func TestPinnedWritesWithDriverHelpers(t *testing.T) {
	// The Go driver sends update and delete statements as kind-1 document
	// sequences; findAndModify with an ObjectId _id.
	inst := startServer(t, t.TempDir())
	ctx := ctxT(t)
	coll := connect(t, inst).Database("helpers").Collection("c")
	oid := primitive.NewObjectID()
	if _, err := coll.InsertMany(ctx, []any{bson.M{"_id": oid, "v": 1}, bson.M{"_id": "s", "v": 1}}); err != nil {
		t.Fatal(err)
	}
	before := inst.srv.matchedRuns.Load()
	res, err := coll.UpdateOne(ctx, bson.M{"_id": oid, "v": 1}, bson.M{"$set": bson.M{"v": 2}})
	if err != nil || res.MatchedCount != 1 || res.ModifiedCount != 1 {
		t.Fatalf("UpdateOne: %+v, %v", res, err)
	}
	got := mustDoc(t, coll.FindOneAndUpdate(ctx, bson.M{"_id": oid, "v": 2}, bson.M{"$inc": bson.M{"v": 1}},
		options.FindOneAndUpdate().SetReturnDocument(options.After)))
	if got["v"] != int32(3) {
		t.Fatalf("FindOneAndUpdate returned %v", got)
	}
	del, err := coll.DeleteOne(ctx, bson.M{"_id": "s", "v": bson.M{"$lt": 5}})
	if err != nil || del.DeletedCount != 1 {
		t.Fatalf("DeleteOne: %+v, %v", del, err)
	}
	// Their conditions hold: each is one narrowed command (the kind-1 statements moved into section 0).
	if n := inst.srv.matchedRuns.Load() - before; n != 3 {
		t.Fatalf("%d writes took the short route, want 3", n)
	}
}
