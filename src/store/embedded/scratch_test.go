// scratch_test.go checks the failure paths of pinned writes (idfilter.go,
// scratch.go): a real collection that refuses the change, and a scratch
// collection that clients have touched.

package main

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

func TestPinnedWriteUniqueViolationLeavesDocument(t *testing.T) {
	inst := startServer(t, t.TempDir())
	ctx := ctxT(t)
	coll := connect(t, inst).Database("uniq").Collection("users")
	if _, err := coll.InsertMany(ctx, seed); err != nil {
		t.Fatal(err)
	}
	_, err := coll.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.M{"email": 1}, Options: options.Index().SetUnique(true)})
	if err != nil {
		t.Fatal(err)
	}
	before, matchedBefore := inst.srv.pinnedRuns.Load(), inst.srv.matchedRuns.Load()
	steal := bson.M{"$set": bson.M{"email": "a@x"}}

	_, err = coll.UpdateOne(ctx, bson.M{"_id": "b", "status": "open"}, steal)
	if !mongo.IsDuplicateKeyError(err) {
		t.Errorf("UpdateOne: %v, want E11000", err)
	}
	err = coll.FindOneAndUpdate(ctx, bson.M{"_id": "b", "status": "open"}, steal).Err()
	var ce mongo.CommandError
	if !errors.As(err, &ce) || ce.Code != 11000 || ce.Message != "E11000 duplicate key error collection: uniq.users" {
		t.Errorf("FindOneAndUpdate: %#v, want E11000 naming uniq.users", err)
	}
	_, err = coll.UpdateOne(ctx, bson.M{"_id": "z", "status": "new"}, steal, options.Update().SetUpsert(true))
	if !mongo.IsDuplicateKeyError(err) {
		t.Errorf("upsert: %v, want E11000", err)
	}
	// FerretDB's own E11000 from the scratch run names the client's collection.
	err = coll.FindOneAndUpdate(ctx, bson.M{"_id": "a", "status": "closed"}, bson.M{"$set": bson.M{"x": 1}},
		options.FindOneAndUpdate().SetUpsert(true)).Err()
	if !errors.As(err, &ce) || ce.Code != 11000 || !strings.Contains(ce.Message, "uniq.users") ||
		strings.Contains(ce.Message, scratchDB) {
		t.Errorf("upsert on an existing _id: %#v, want E11000 naming uniq.users", err)
	}
	// The two whose condition holds take the short route (matched.go); the upserts, the scratch path.
	if n, m := inst.srv.pinnedRuns.Load()-before, inst.srv.matchedRuns.Load()-matchedBefore; n != 2 || m != 2 {
		t.Errorf("%d writes took the scratch path and %d the short route, want 2 and 2", n, m)
	}

	// Relayed updates (exact _id, or no _id) get 11000 too, not FerretDB's InternalError.
	if _, err = coll.UpdateOne(ctx, bson.M{"_id": "b"}, steal); !mongo.IsDuplicateKeyError(err) {
		t.Errorf("UpdateOne by exact _id: %v, want E11000", err)
	}
	if _, err = coll.UpdateMany(ctx, bson.M{"email": "b@x"}, steal); !mongo.IsDuplicateKeyError(err) {
		t.Errorf("UpdateMany: %v, want E11000", err)
	}
	err = coll.FindOneAndUpdate(ctx, bson.M{"_id": "b"}, steal).Err()
	if !errors.As(err, &ce) || ce.Code != 11000 || ce.Name != "DuplicateKey" {
		t.Errorf("FindOneAndUpdate by exact _id: %#v, want E11000", err)
	}
	var docs []bson.M
	cur, err := coll.Find(ctx, bson.M{}, options.Find().SetSort(bson.M{"_id": 1}))
	if err == nil {
		err = cur.All(ctx, &docs)
	}
	if err != nil || !reflect.DeepEqual(normalize(docs), normalize(seedDocs())) {
		t.Fatalf("documents changed: %v, %v", docs, err)
	}
}

func TestScratchCollectionTouchedByClients(t *testing.T) {
	// The relay remembers what the scratch collection holds; a client that
	// drops it or writes to it must not make it trust stale contents.
	inst := startServer(t, t.TempDir())
	inst.srv.mu.Lock()
	inst.srv.matchedOff = true // every step below must go through the scratch collection
	inst.srv.mu.Unlock()
	ctx := ctxT(t)
	c := connect(t, inst)
	coll := c.Database("s").Collection("c")
	if _, err := coll.InsertOne(ctx, bson.M{"_id": "a", "v": 1}); err != nil {
		t.Fatal(err)
	}
	step := func(v int) {
		t.Helper()
		res, err := coll.UpdateOne(ctx, bson.M{"_id": "a", "v": v}, bson.M{"$inc": bson.M{"v": 1}})
		if err != nil || res.MatchedCount != 1 || res.ModifiedCount != 1 {
			t.Fatalf("update at v=%d: %+v, %v", v, res, err)
		}
	}
	step(1)
	step(2)
	if err := c.Database(scratchDB).Drop(ctx); err != nil {
		t.Fatal(err)
	}
	step(3)
	if _, err := c.Database(scratchDB).Collection(scratchColl).InsertOne(ctx, bson.M{"_id": "x", "v": 4}); err != nil {
		t.Fatal(err)
	}
	step(4)
	got := mustDoc(t, coll.FindOne(ctx, bson.M{"_id": "a"}))
	if got["v"] != int32(5) {
		t.Fatalf("v = %v, want 5", got["v"])
	}
	if n := inst.srv.pinnedRuns.Load(); n != 4 {
		t.Fatalf("%d writes took the scratch path, want 4", n)
	}
}
