// bench_test.go measures the _id paths this package speeds up, at 1,000 and
// 16,000 documents:
//
//	go test -run '^$' -bench . -benchtime 2s
//
// With EMBEDDED_TEST_ADDR=127.0.0.1:<port> it measures another running server
// instead (e.g. the previous build) for comparison.

package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

var benchSizes = []int{1000, 16000}

// benchCollection returns a collection holding n documents shaped like a
// letter record (string _id, a few fields, ~400 bytes), creating them once.
func benchCollection(b *testing.B, n int) *mongo.Collection {
	b.Helper()
	inst := sharedServer(b)
	ctx := context.Background()
	coll := connect(b, inst).Database(fmt.Sprintf("bench%d", n)).Collection("letters")
	have, err := coll.CountDocuments(ctx, bson.M{})
	if err != nil {
		b.Fatal(err)
	}
	if int(have) == n {
		return coll
	}
	if err = coll.Drop(ctx); err != nil {
		b.Fatal(err)
	}
	body := strings.Repeat("x", 300)
	for start := 0; start < n; start += 1000 {
		docs := make([]any, 0, 1000)
		for i := start; i < start+1000 && i < n; i++ {
			docs = append(docs, bson.M{"_id": benchID(i), "state": "open", "n": 0, "company": "c", "body": body})
		}
		if _, err = coll.InsertMany(ctx, docs); err != nil {
			b.Fatal(err)
		}
	}
	return coll
}

func benchID(i int) string { return fmt.Sprintf("letter-%06d", i) }

func BenchmarkFindOneByID(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			coll := benchCollection(b, n)
			ctx := context.Background()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := coll.FindOne(ctx, bson.M{"_id": benchID(rand.IntN(n))}).Err(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkConditionalFindAndModify(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			coll := benchCollection(b, n)
			ctx := context.Background()
			opts := options.FindOneAndUpdate().SetReturnDocument(options.After)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				filter := bson.M{"_id": benchID(rand.IntN(n)), "state": "open"}
				if err := coll.FindOneAndUpdate(ctx, filter, bson.M{"$inc": bson.M{"n": 1}}, opts).Err(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkConditionalUpdateOne(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			coll := benchCollection(b, n)
			ctx := context.Background()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				filter := bson.M{"_id": benchID(rand.IntN(n)), "state": "open"}
				res, err := coll.UpdateOne(ctx, filter, bson.M{"$inc": bson.M{"n": 1}})
				if err != nil || res.MatchedCount != 1 {
					b.Fatal(res, err)
				}
			}
		})
	}
}

func BenchmarkUpdateByExactID(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			coll := benchCollection(b, n)
			ctx := context.Background()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				res, err := coll.UpdateOne(ctx, bson.M{"_id": benchID(rand.IntN(n))}, bson.M{"$inc": bson.M{"n": 1}})
				if err != nil || res.MatchedCount != 1 {
					b.Fatal(res, err)
				}
			}
		})
	}
}
