// sqliteindex_test.go checks that SQLite answers FerretDB's _id look-ups from
// the added index, and that every way a collection comes into being gets it.

package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// tableOf returns the SQLite table of a collection and a handle on its file.
func tableOf(t *testing.T, dir, db, coll string) (*sql.DB, string) {
	t.Helper()
	h, err := sql.Open("sqlite", "file:"+filepath.Join(dir, db+sqliteExt)+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = h.Close() })
	var table string
	if err = h.QueryRow(`SELECT table_name FROM _ferretdb_collections WHERE name = ?`, coll).Scan(&table); err != nil {
		t.Fatalf("table of %s.%s: %v", db, coll, err)
	}
	return h, table
}

// plan returns SQLite's query plan for q, one line per step.
func plan(t *testing.T, h *sql.DB, q string) string {
	t.Helper()
	rows, err := h.Query("EXPLAIN QUERY PLAN "+q, `"x"`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err = rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, detail)
	}
	return strings.Join(lines, "; ")
}

// checkIndexed fails unless FerretDB's _id queries on the collection use the index.
func checkIndexed(t *testing.T, dir, db, coll string) {
	t.Helper()
	h, table := tableOf(t, dir, db, coll)
	want := "USING INDEX " + table + indexSuffix
	for _, q := range []string{
		`SELECT _ferretdb_sjson FROM %s WHERE _ferretdb_sjson->'$._id' = ?`,
		`UPDATE %s SET _ferretdb_sjson = '{}' WHERE _ferretdb_sjson->'$._id' = ?`,
		`DELETE FROM %s WHERE _ferretdb_sjson->'$._id' = ?`,
	} {
		q = strings.Replace(q, "%s", quoteIdent(table), 1)
		if p := plan(t, h, q); !strings.Contains(p, "SEARCH") || !strings.Contains(p, want) {
			t.Errorf("%s.%s: plan of %q is %q, want SEARCH ... %s", db, coll, q, p, want)
		}
	}
}

func TestIDIndexIsUsed(t *testing.T) {
	dir := t.TempDir()
	inst := startServer(t, dir)
	ctx := ctxT(t)
	c := connect(t, inst)
	db := c.Database("app")
	if _, err := db.Collection("inserted").InsertOne(ctx, bson.M{"_id": "a"}); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateCollection(ctx, "created"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Collection("indexed").Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.M{"k": 1}}); err != nil {
		t.Fatal(err)
	}
	_, err := db.Collection("upserted").UpdateOne(ctx, bson.M{"_id": "u", "x": 1}, bson.M{"$set": bson.M{"y": 1}},
		options.Update().SetUpsert(true))
	if err != nil {
		t.Fatal(err)
	}
	for _, coll := range []string{"inserted", "created", "indexed", "upserted"} {
		checkIndexed(t, dir, "app", coll)
	}

	// A dropped and re-created collection gets a new table: index it again.
	if err = db.Collection("inserted").Drop(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err = db.Collection("inserted").InsertOne(ctx, bson.M{"_id": "b"}); err != nil {
		t.Fatal(err)
	}
	checkIndexed(t, dir, "app", "inserted")

	// Likewise after dropDatabase.
	if err = db.Drop(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err = db.Collection("inserted").InsertOne(ctx, bson.M{"_id": "c"}); err != nil {
		t.Fatal(err)
	}
	checkIndexed(t, dir, "app", "inserted")
	n, err := db.Collection("inserted").CountDocuments(ctx, bson.M{})
	if err != nil || n != 1 {
		t.Fatalf("after dropDatabase: %d documents, %v", n, err)
	}

	// A renamed collection keeps its table; the old name, re-created, is new.
	err = c.Database("admin").RunCommand(ctx, bson.D{{Key: "renameCollection", Value: "app.inserted"}, {Key: "to", Value: "app.renamed"}}).Err()
	if err != nil {
		t.Fatal(err)
	}
	if _, err = db.Collection("inserted").InsertOne(ctx, bson.M{"_id": "d"}); err != nil {
		t.Fatal(err)
	}
	checkIndexed(t, dir, "app", "renamed")
	checkIndexed(t, dir, "app", "inserted")
}

func TestIDIndexAddedAtStartup(t *testing.T) {
	dir := t.TempDir()
	inst := startServer(t, dir)
	ctx := ctxT(t)
	if _, err := connect(t, inst).Database("old").Collection("c").InsertOne(ctx, bson.M{"_id": "a"}); err != nil {
		t.Fatal(err)
	}
	inst.close()

	// As a file written by the previous version would be: no index of ours.
	h, table := tableOf(t, dir, "old", "c")
	_ = h.Close()
	rw, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "old"+sqliteExt)+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err = rw.Exec(`DROP INDEX ` + quoteIdent(table+indexSuffix)); err != nil {
		t.Fatal(err)
	}
	_ = rw.Close()

	startServer(t, dir)
	checkIndexed(t, dir, "old", "c")
}
