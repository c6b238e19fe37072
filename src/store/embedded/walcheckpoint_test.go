// walcheckpoint_test.go checks that steady updates do not grow SQLite's
// write-ahead log without bound (walcheckpoint.go).

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/bson"
)

func TestWriteAheadLogStaysShort(t *testing.T) {
	// FerretDB alone lets the log grow without bound under steady updates
	// (its update holds a read cursor open while it commits).
	saved := walLimit
	walLimit = 256 << 10
	t.Cleanup(func() { walLimit = saved })
	dir := t.TempDir()
	inst := startServer(t, dir)
	ctx := ctxT(t)
	coll := connect(t, inst).Database("wal").Collection("c")
	docs := make([]any, 100)
	for i := range docs {
		docs[i] = bson.M{"_id": benchID(i), "n": 0, "body": strings.Repeat("x", 300)}
	}
	if _, err := coll.InsertMany(ctx, docs); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 400; i++ {
		if _, err := coll.UpdateOne(ctx, bson.M{"_id": benchID(i % 100)}, bson.M{"$inc": bson.M{"n": 1}}); err != nil {
			t.Fatal(err)
		}
	}
	fi, err := os.Stat(filepath.Join(dir, "wal"+sqliteExt+"-wal"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() > 2*walLimit {
		t.Fatalf("write-ahead log is %d bytes after 400 updates, limit %d", fi.Size(), walLimit)
	}
}
