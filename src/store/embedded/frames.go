// frames.go reads and writes whole wire-protocol messages as raw bytes.
//
// The relay forwards most messages byte for byte, so it keeps them as raw
// frames (header plus body) and only parses what it has to: the flags and the
// first section of an OP_MSG, to classify it; the query of an OP_QUERY. The
// few helpers here that change a frame (clearing moreToCome, building a reply)
// keep the optional CRC-32C checksum right, as the protocol requires.

package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"

	"github.com/FerretDB/wire"
	"github.com/FerretDB/wire/wirebson"
)

// frame is one whole message: the 16-byte header followed by the body.
type frame []byte

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// readFrame reads one message. io.EOF means the peer closed cleanly between messages.
func readFrame(r *bufio.Reader) (frame, error) {
	var h [wire.MsgHeaderLen]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return nil, err
	}
	n := int(int32(binary.LittleEndian.Uint32(h[:4])))
	if n < wire.MsgHeaderLen || n > wire.MaxMsgLen {
		return nil, fmt.Errorf("invalid message length %d", n)
	}
	f := make(frame, n)
	copy(f, h[:])
	if _, err := io.ReadFull(r, f[wire.MsgHeaderLen:]); err != nil {
		return nil, fmt.Errorf("short message: %w", err)
	}
	return f, nil
}

func (f frame) requestID() int32  { return int32(binary.LittleEndian.Uint32(f[4:8])) }
func (f frame) responseTo() int32 { return int32(binary.LittleEndian.Uint32(f[8:12])) }
func (f frame) opCode() wire.OpCode {
	return wire.OpCode(int32(binary.LittleEndian.Uint32(f[12:16])))
}
func (f frame) body() []byte { return f[wire.MsgHeaderLen:] }

// msgFlags returns the flags of an OP_MSG frame (zero if the body is too short).
func (f frame) msgFlags() wire.OpMsgFlags {
	if len(f) < wire.MsgHeaderLen+4 {
		return 0
	}
	return wire.OpMsgFlags(binary.LittleEndian.Uint32(f[16:20]))
}

// moreToCome reports whether an OP_MSG frame has the moreToCome flag:
// on a request, no reply is expected; on a reply, another reply follows.
func (f frame) moreToCome() bool {
	return f.opCode() == wire.OpCodeMsg && f.msgFlags().FlagSet(wire.OpMsgMoreToCome)
}

// withoutMoreToCome returns a copy of an OP_MSG frame with moreToCome cleared,
// recomputing the checksum if there is one.
func (f frame) withoutMoreToCome() frame {
	c := append(frame(nil), f...)
	flags := c.msgFlags() &^ wire.OpMsgFlags(wire.OpMsgMoreToCome)
	binary.LittleEndian.PutUint32(c[16:20], uint32(flags))
	if flags.FlagSet(wire.OpMsgChecksumPresent) && len(c) >= wire.MsgHeaderLen+8 {
		sum := crc32.Checksum(c[:len(c)-4], castagnoli)
		binary.LittleEndian.PutUint32(c[len(c)-4:], sum)
	}
	return c
}

// parseMsg parses the body of an OP_MSG frame; the sections alias the frame.
func (f frame) parseMsg() (*wire.OpMsg, error) {
	var msg wire.OpMsg
	if err := msg.UnmarshalBinaryNocopy(f.body()); err != nil {
		return nil, err
	}
	return &msg, nil
}

// opQueryCommand returns the namespace and the command name of an OP_QUERY
// frame (the first key of its query, looking inside a $query wrapper).
func (f frame) opQueryCommand() (ns, command string, err error) {
	var q wire.OpQuery
	if err = q.UnmarshalBinaryNocopy(f.body()); err != nil {
		return "", "", err
	}
	defer func() {
		if r := recover(); r != nil { // Query() panics on an undecodable document
			err = fmt.Errorf("bad OP_QUERY document: %v", r)
		}
	}()
	doc := q.Query()
	if doc == nil {
		return q.FullCollectionName, "", nil
	}
	command = doc.Command()
	if command == "$query" || command == "query" {
		if inner, ok := doc.Get(command).(wirebson.RawDocument); ok {
			d, derr := inner.Decode()
			if derr != nil {
				return "", "", derr
			}
			command = d.Command()
		}
	}
	return q.FullCollectionName, command, nil
}

// msgFrame builds an OP_MSG frame with a single section 0 document and no flags.
func msgFrame(requestID, responseTo int32, doc wirebson.RawDocument) frame {
	n := wire.MsgHeaderLen + 4 + 1 + len(doc)
	f := make(frame, n)
	binary.LittleEndian.PutUint32(f[0:4], uint32(n))
	binary.LittleEndian.PutUint32(f[4:8], uint32(requestID))
	binary.LittleEndian.PutUint32(f[8:12], uint32(responseTo))
	binary.LittleEndian.PutUint32(f[12:16], uint32(wire.OpCodeMsg))
	// flags stay zero; f[20] is section kind 0
	copy(f[21:], doc)
	return f
}

// withSection0 returns a message with the sections of msg but section 0
// replaced by doc, and no flags (so no checksum).
func withSection0(msg *wire.OpMsg, doc wirebson.RawDocument) (*wire.OpMsg, error) {
	m, err := wire.NewOpMsg(doc)
	if err != nil {
		return nil, err
	}
	sections := m.Sections()
	for _, s := range msg.Sections() {
		if s.Kind != 0 {
			sections = append(sections, s)
		}
	}
	if err = m.SetSections(sections...); err != nil {
		return nil, err
	}
	return m, nil
}

// replyDocument returns section 0 of an OP_MSG reply frame.
func (f frame) replyDocument() (wirebson.RawDocument, error) {
	if f.opCode() != wire.OpCodeMsg {
		return nil, fmt.Errorf("reply has opcode %s, expected OP_MSG", f.opCode())
	}
	msg, err := f.parseMsg()
	if err != nil {
		return nil, err
	}
	return msg.RawDocument()
}
