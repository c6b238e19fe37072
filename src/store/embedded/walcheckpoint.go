// walcheckpoint.go keeps each database's SQLite write-ahead log short.
//
// FerretDB's update and delete keep their read cursor (on one pooled
// connection) open while they commit the write (on another), so SQLite's
// automatic checkpoint at commit can never finish and reset the log: under a
// steady stream of writes the -wal file grows without bound (100 MB after a
// few thousand updates of a 1,000-document collection) and every commit pays
// for a checkpoint attempt over it. Right after a write's reply, under the
// write lock, no FerretDB write is in flight, so a checkpoint from this
// process can copy the whole log back and truncate it. It never waits for
// readers: with a read still running, SQLite copies what it can and the next
// write tries again.

package main

import (
	"context"
	"os"
	"path/filepath"
)

// walLimit is the log size above which a write is followed by a checkpoint;
// SQLite's own automatic checkpoint threshold is about the same (1,000 pages).
var walLimit int64 = 4 << 20

// checkpoint truncates dbName's write-ahead log if it has grown past walLimit.
// The caller holds the write lock.
func (ix *indexer) checkpoint(dbName string) error {
	if dbName == "" {
		return nil
	}
	fi, err := os.Stat(filepath.Join(ix.dir, dbName+sqliteExt+"-wal"))
	if err != nil || fi.Size() < walLimit {
		return nil // no log (yet), or a short one
	}
	db, err := ix.open(dbName)
	if db == nil || err != nil {
		return err
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// Do not wait for readers (a client's open cursor could hold the lock for long).
	if _, err = conn.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
		return err
	}
	defer func() { _, _ = conn.ExecContext(ctx, `PRAGMA busy_timeout = 10000`) }()
	var busy, log, done int
	// SQLITE_BUSY here only means it did what it could without waiting.
	return conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &log, &done)
}
