// sqliteindex.go gives every collection table an index that FerretDB's _id
// look-ups actually use.
//
// FerretDB v1.24's SQLite backend queries documents by _id with
// `_ferretdb_sjson->'$._id' = ?` but indexes `_ferretdb_sjson->"_id"`, a
// different expression, so SQLite scans the whole table (10 ms at 1,000
// documents, 150 ms at 16,000). This adds, per table, an index on exactly the
// expression the queries use. FerretDB does not know about it: it does not
// list it, and it disappears with the table when the collection is dropped.
//
// All calls after start-up happen under the write lock, so no FerretDB write
// runs at the same time; reads may, which SQLite's WAL mode allows.

package main

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // database/sql driver "sqlite"
)

const (
	sqliteExt        = ".sqlite"
	collectionsTable = "_ferretdb_collections" // FerretDB's metadata table
	indexSuffix      = "_preletter_id"
	idExpression     = `_ferretdb_sjson->'$._id'` // as in FerretDB's metadata.IDColumn
)

// indexer adds the _id index to the tables of the SQLite files in one directory.
type indexer struct {
	dir  string
	dbs  map[string]*sql.DB         // open handles, by database name
	done map[string]map[string]bool // database -> collection names known to have the index
}

func newIndexer(dir string) *indexer {
	return &indexer{dir: dir, dbs: map[string]*sql.DB{}, done: map[string]map[string]bool{}}
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// open returns a handle on an existing database file, or nil if there is none.
func (ix *indexer) open(dbName string) (*sql.DB, error) {
	if db := ix.dbs[dbName]; db != nil {
		return db, nil
	}
	path := filepath.Join(ix.dir, dbName+sqliteExt)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	u := url.URL{Scheme: "file", Opaque: (&url.URL{Path: path}).EscapedPath()}
	u.RawQuery = "mode=rw&_pragma=busy_timeout(10000)"
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	ix.dbs[dbName] = db
	return db, nil
}

// ensureAll indexes every collection of every database file; used at start-up.
func (ix *indexer) ensureAll() error {
	files, err := filepath.Glob(filepath.Join(ix.dir, "*"+sqliteExt))
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := ix.ensure(strings.TrimSuffix(filepath.Base(f), sqliteExt), ""); err != nil {
			return err
		}
	}
	return nil
}

// ensure makes sure the collection coll of database dbName (every collection if
// coll is empty) has the index. A collection already done costs nothing.
func (ix *indexer) ensure(dbName, coll string) error {
	if dbName == "" || (coll != "" && ix.done[dbName][coll]) {
		return nil
	}
	db, err := ix.open(dbName)
	if db == nil || err != nil {
		return err
	}
	var exists int
	q := `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`
	if err = db.QueryRow(q, collectionsTable).Scan(&exists); err != nil || exists == 0 {
		return err // a file FerretDB has not set up (yet)
	}

	// Tables that lack the index; sqlite_master itself is the record of what is done.
	q = fmt.Sprintf(`SELECT c.table_name FROM %s c WHERE NOT EXISTS (
		SELECT 1 FROM sqlite_master m WHERE m.type = 'index' AND m.name = c.table_name || '%s')`,
		quoteIdent(collectionsTable), indexSuffix)
	tables, err := queryStrings(db, q)
	if err != nil {
		return fmt.Errorf("database %q: %w", dbName, err)
	}
	for _, t := range tables {
		stmt := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON %s (%s)`,
			quoteIdent(t+indexSuffix), quoteIdent(t), idExpression)
		if _, err = db.Exec(stmt); err != nil {
			return fmt.Errorf("database %q, table %q: %w", dbName, t, err)
		}
	}

	names, err := queryStrings(db, fmt.Sprintf(`SELECT name FROM %s`, quoteIdent(collectionsTable)))
	if err != nil {
		return fmt.Errorf("database %q: %w", dbName, err)
	}
	done := map[string]bool{}
	for _, n := range names {
		done[n] = true
	}
	ix.done[dbName] = done
	return nil
}

func queryStrings(db *sql.DB, q string) ([]string, error) {
	rows, err := db.Query(q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var res []string
	for rows.Next() {
		var s string
		if err = rows.Scan(&s); err != nil {
			return nil, err
		}
		res = append(res, s)
	}
	return res, rows.Err()
}

// forget drops what is known about one collection (after drop or rename).
func (ix *indexer) forget(dbName, coll string) {
	delete(ix.done[dbName], coll)
}

// forgetDB drops what is known about a database and closes its handle. It must
// run before FerretDB deletes the file (dropDatabase), so this process does
// not keep the deleted file open, or later mistake it for a new one.
func (ix *indexer) forgetDB(dbName string) {
	delete(ix.done, dbName)
	if db := ix.dbs[dbName]; db != nil {
		_ = db.Close()
		delete(ix.dbs, dbName)
	}
}

// close closes every handle.
func (ix *indexer) close() {
	for name := range ix.dbs {
		ix.forgetDB(name)
	}
}
