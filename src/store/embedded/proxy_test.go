// proxy_test.go checks the relay's wire handling with hand-made messages:
// the legacy OP_QUERY hello, checksums, requests with moreToCome (which
// FerretDB answers anyway) and replies with moreToCome.

package main

import (
	"bufio"
	"encoding/binary"
	"hash/crc32"
	"net"
	"testing"
	"time"

	"github.com/FerretDB/wire"
	"github.com/FerretDB/wire/wirebson"
	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
	"go.mongodb.org/mongo-driver/mongo/writeconcern"
)

// rawMsg builds an OP_MSG frame with the given flags, adding a correct
// checksum when the flags ask for one.
func rawMsg(t *testing.T, id int32, flags wire.OpMsgFlagBit, doc *wirebson.Document) frame {
	t.Helper()
	raw, err := doc.Encode()
	if err != nil {
		t.Fatal(err)
	}
	f := msgFrame(id, 0, raw)
	binary.LittleEndian.PutUint32(f[16:20], uint32(flags))
	if flags&wire.OpMsgChecksumPresent != 0 {
		f = append(f, 0, 0, 0, 0)
		binary.LittleEndian.PutUint32(f[0:4], uint32(len(f)))
		binary.LittleEndian.PutUint32(f[len(f)-4:], crc32.Checksum(f[:len(f)-4], castagnoli))
	}
	return f
}

func TestWireHandling(t *testing.T) {
	inst := sharedServer(t)
	if inst.srv == nil {
		t.Skip("needs the in-process server")
	}
	conn, err := net.Dial("tcp", inst.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(20 * time.Second))
	r := bufio.NewReader(conn)
	send := func(f frame) {
		if _, err := conn.Write(f); err != nil {
			t.Fatal(err)
		}
	}
	read := func() frame {
		f, err := readFrame(r)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}

	// Legacy OP_QUERY hello, as drivers send first.
	q, err := wire.NewOpQuery(wirebson.MustDocument("isMaster", int32(1), "helloOk", true))
	if err != nil {
		t.Fatal(err)
	}
	q.FullCollectionName = "admin.$cmd"
	q.NumberToReturn = -1
	body, err := q.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	hdr := wire.MsgHeader{MessageLength: int32(wire.MsgHeaderLen + len(body)), RequestID: 1, OpCode: wire.OpCodeQuery}
	hb, _ := hdr.MarshalBinary()
	send(append(hb, body...))
	if rep := read(); rep.opCode() != wire.OpCodeReply || rep.responseTo() != 1 {
		t.Fatalf("hello reply: opcode %s, responseTo %d", rep.opCode(), rep.responseTo())
	}

	// An unacknowledged insert with a checksum: no reply, but done before the next request.
	db := testDB(t)
	ins := wirebson.MustDocument("insert", "c", "documents", wirebson.MustArray(wirebson.MustDocument("_id", "w0")),
		"writeConcern", wirebson.MustDocument("w", int32(0)), "$db", db)
	send(rawMsg(t, 2, wire.OpMsgMoreToCome|wire.OpMsgChecksumPresent, ins))
	find := wirebson.MustDocument("find", "c", "filter", wirebson.MustDocument("_id", "w0"), "$db", db)
	send(rawMsg(t, 3, wire.OpMsgChecksumPresent, find))
	rep := read()
	if rep.responseTo() != 3 {
		t.Fatalf("reply to %d, want 3 (the find): the unacknowledged insert was answered", rep.responseTo())
	}
	doc, err := rep.replyDocument()
	if err != nil {
		t.Fatal(err)
	}
	d, err := doc.DecodeDeep()
	if err != nil {
		t.Fatal(err)
	}
	batch := d.Get("cursor").(*wirebson.Document).Get("firstBatch").(*wirebson.Array)
	if batch.Len() != 1 {
		t.Fatalf("find after unacknowledged insert: %v", d)
	}

	// A pinned write with moreToCome is not answered either.
	upd := wirebson.MustDocument("update", "c", "updates", wirebson.MustArray(wirebson.MustDocument(
		"q", wirebson.MustDocument("_id", "w0", "v", wirebson.MustDocument("$exists", false)),
		"u", wirebson.MustDocument("$set", wirebson.MustDocument("v", int32(1))))), "$db", db)
	send(rawMsg(t, 4, wire.OpMsgMoreToCome, upd))
	send(rawMsg(t, 5, 0, wirebson.MustDocument("count", "c", "query", wirebson.MustDocument("v", int32(1)), "$db", db)))
	if rep = read(); rep.responseTo() != 5 {
		t.Fatalf("reply to %d, want 5", rep.responseTo())
	}
	doc, _ = rep.replyDocument()
	if d, _ = doc.Decode(); d.Get("n") != int32(1) {
		t.Fatalf("count after unacknowledged pinned update: %v", d)
	}
}

func TestUnacknowledgedWritesWithDriver(t *testing.T) {
	inst := sharedServer(t)
	ctx := ctxT(t)
	c := connect(t, inst)
	coll := c.Database(testDB(t)).Collection("c",
		options.Collection().SetWriteConcern(writeconcern.Unacknowledged()))
	for i := 0; i < 20; i++ {
		if _, err := coll.InsertOne(ctx, bson.M{"_id": i}); err != nil && err != mongo.ErrUnacknowledgedWrite {
			t.Fatal(err)
		}
	}
	n, err := coll.CountDocuments(ctx, bson.M{})
	if err != nil || n != 20 {
		t.Fatalf("count %d, %v; want 20", n, err)
	}
}

func TestReplyWithMoreToComeIsFollowed(t *testing.T) {
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	go func() {
		r := bufio.NewReader(b)
		req, err := readFrame(r)
		if err != nil {
			return
		}
		doc := wirebson.MustDocument("ok", float64(1))
		raw, _ := doc.Encode()
		first := msgFrame(1, req.requestID(), raw)
		binary.LittleEndian.PutUint32(first[16:20], uint32(wire.OpMsgMoreToCome))
		_, _ = b.Write(first)
		_, _ = b.Write(msgFrame(2, req.requestID(), raw))
	}()
	be := &backendConn{r: bufio.NewReader(a), w: bufio.NewWriter(a)}
	raw, _ := wirebson.MustDocument("ping", int32(1), "$db", "admin").Encode()
	replies, err := be.roundTrip(msgFrame(7, 0, raw))
	if err != nil || len(replies) != 2 {
		t.Fatalf("%d replies, %v; want 2", len(replies), err)
	}
}

func TestClassification(t *testing.T) {
	for _, tc := range []struct {
		doc  *wirebson.Document
		read bool
	}{
		{wirebson.MustDocument("find", "c", "$db", "d"), true},
		{wirebson.MustDocument("FIND", "c", "$db", "d"), true},
		{wirebson.MustDocument("isMaster", int32(1), "$db", "admin"), true},
		{wirebson.MustDocument("insert", "c", "$db", "d"), false},
		{wirebson.MustDocument("findAndModify", "c", "$db", "d"), false},
		{wirebson.MustDocument("someNewCommand", "c", "$db", "d"), false},
		{wirebson.MustDocument("aggregate", "c", "pipeline", wirebson.MustArray(
			wirebson.MustDocument("$match", wirebson.MustDocument()))), true},
		{wirebson.MustDocument("aggregate", "c", "pipeline", wirebson.MustArray(
			wirebson.MustDocument("$match", wirebson.MustDocument()), wirebson.MustDocument("$out", "x"))), false},
		{wirebson.MustDocument("aggregate", "c", "pipeline", wirebson.MustArray(
			wirebson.MustDocument("$merge", wirebson.MustDocument("into", "x")))), false},
		{wirebson.MustDocument("aggregate", "c"), false},
	} {
		r := parseRequest(rawMsg(t, 1, 0, tc.doc))
		if got := r.isReadOnly(); got != tc.read {
			t.Errorf("%s: read-only = %v, want %v", tc.doc.Command(), got, tc.read)
		}
	}
	if parseRequest(frame(make([]byte, 16))).isReadOnly() {
		t.Error("an unparsable message counts as read-only")
	}
}
