// concurrency_test.go checks single-document atomicity across independent
// clients: the guarantees FerretDB v1 alone does not give (lost $push/$inc,
// two winners of one conditional update).

package main

import (
	"fmt"
	"sort"
	"testing"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

func TestConcurrentPush(t *testing.T) {
	inst := sharedServer(t)
	ctx := ctxT(t)
	cs := clients(t, inst, 20)
	db := testDB(t)
	coll := cs[0].Database(db).Collection("letters")
	if _, err := coll.InsertOne(ctx, bson.M{"_id": "L1", "events": bson.A{}}); err != nil {
		t.Fatal(err)
	}
	parallel(20, func(i int) {
		c := cs[i].Database(db).Collection("letters")
		if _, err := c.UpdateOne(ctx, bson.M{"_id": "L1"}, bson.M{"$push": bson.M{"events": i}}); err != nil {
			t.Error(err)
		}
	})
	got := mustDoc(t, coll.FindOne(ctx, bson.M{"_id": "L1"}))
	if n := len(got["events"].(bson.A)); n != 20 {
		t.Fatalf("got %d events, want 20: %v", n, got["events"])
	}
}

func TestConcurrentPushWithCondition(t *testing.T) {
	// The same through the pinned-_id path (filter with more than _id).
	inst := sharedServer(t)
	ctx := ctxT(t)
	cs := clients(t, inst, 20)
	db := testDB(t)
	coll := cs[0].Database(db).Collection("letters")
	if _, err := coll.InsertOne(ctx, bson.M{"_id": "L1", "state": "open", "events": bson.A{}}); err != nil {
		t.Fatal(err)
	}
	parallel(20, func(i int) {
		c := cs[i].Database(db).Collection("letters")
		_, err := c.UpdateOne(ctx, bson.M{"_id": "L1", "state": "open"}, bson.M{"$push": bson.M{"events": i}})
		if err != nil {
			t.Error(err)
		}
	})
	got := mustDoc(t, coll.FindOne(ctx, bson.M{"_id": "L1"}))
	if n := len(got["events"].(bson.A)); n != 20 {
		t.Fatalf("got %d events, want 20: %v", n, got["events"])
	}
}

func TestConcurrentIncUpsert(t *testing.T) {
	inst := sharedServer(t)
	ctx := ctxT(t)
	cs := clients(t, inst, 10)
	db := testDB(t)
	values := make([]int, 50)
	parallel(50, func(i int) {
		c := cs[i%len(cs)].Database(db).Collection("counters")
		opts := options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)
		var doc struct {
			Seq int `bson:"seq"`
		}
		err := c.FindOneAndUpdate(ctx, bson.M{"_id": "letters"}, bson.M{"$inc": bson.M{"seq": 1}}, opts).Decode(&doc)
		if err != nil {
			t.Error(err)
		}
		values[i] = doc.Seq
	})
	sort.Ints(values)
	for i, v := range values {
		if v != i+1 {
			t.Fatalf("counter values are not 1..50: %v", values)
		}
	}
}

func TestConditionalClaimHasOneWinner(t *testing.T) {
	inst := sharedServer(t)
	ctx := ctxT(t)
	cs := clients(t, inst, 10)
	db := testDB(t)
	coll := cs[0].Database(db).Collection("reminders")
	docs := []any{bson.M{"_id": "R1", "due": 1}}
	for i := 0; i < 50; i++ { // others, so a full scan would cost something
		docs = append(docs, bson.M{"_id": fmt.Sprintf("X%d", i), "due": 2})
	}
	if _, err := coll.InsertMany(ctx, docs); err != nil {
		t.Fatal(err)
	}
	won := make([]bool, 10)
	parallel(10, func(i int) {
		c := cs[i].Database(db).Collection("reminders")
		res := c.FindOneAndUpdate(ctx,
			bson.M{"_id": "R1", "claimedBy": bson.M{"$exists": false}},
			bson.M{"$set": bson.M{"claimedBy": i}},
			options.FindOneAndUpdate().SetReturnDocument(options.After))
		switch err := res.Err(); err {
		case nil:
			won[i] = true
		case mongo.ErrNoDocuments:
		default:
			t.Error(err)
		}
	})
	winners := 0
	winner := -1
	for i, w := range won {
		if w {
			winners, winner = winners+1, i
		}
	}
	if winners != 1 {
		t.Fatalf("%d winners, want exactly 1", winners)
	}
	got := mustDoc(t, coll.FindOne(ctx, bson.M{"_id": "R1"}))
	if fmt.Sprint(got["claimedBy"]) != fmt.Sprint(winner) {
		t.Fatalf("claimedBy = %v, winner was %d", got["claimedBy"], winner)
	}
}

func TestUniqueInsertRace(t *testing.T) {
	inst := sharedServer(t)
	ctx := ctxT(t)
	cs := clients(t, inst, 10)
	db := testDB(t)
	coll := cs[0].Database(db).Collection("workspaces")
	_, err := coll.Indexes().CreateOne(ctx, mongo.IndexModel{
		Keys: bson.D{{Key: "slug", Value: 1}}, Options: options.Index().SetUnique(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	errs := make([]error, 10)
	parallel(10, func(i int) {
		c := cs[i].Database(db).Collection("workspaces")
		_, errs[i] = c.InsertOne(ctx, bson.M{"_id": fmt.Sprint("W", i), "slug": "acme"})
	})
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case mongo.IsDuplicateKeyError(err):
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d inserts succeeded, want 1 (errors: %v)", ok, errs)
	}

	// And the same _id from many clients: one wins.
	parallel(10, func(i int) {
		c := cs[i].Database(db).Collection("workspaces")
		_, errs[i] = c.InsertOne(ctx, bson.M{"_id": "same", "slug": fmt.Sprint("s", i)})
	})
	ok = 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else if !mongo.IsDuplicateKeyError(err) {
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d inserts of one _id succeeded, want 1", ok)
	}
}
