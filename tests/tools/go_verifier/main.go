// jem-go-verifier checks jem's signed checkpoints, proofs and tiles with Go's reference
// packages golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog, which jem's
// authors did not write. It exits 0 when the check holds and 1, saying why, when not.
//
//	checkpoint VKEY CHECKPOINT                   the log's signature and the tree head
//	inclusion VKEY PROOF EVENT_BYTES             a C2SP tlog-proof of the event's stored bytes
//	consistency VKEY OLD NEW PROOF               an older checkpoint's tree is the start of a newer one's
//	cosigned VKEY WITNESS_VKEY CHECKPOINT        a witness's cosignature/v1 on a checkpoint
//	tiles URL VKEY                               the server's hash tiles against its /checkpoint
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type treeHead struct {
	origin string
	size   int64
	root   tlog.Hash
}

func readFile(path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		fail(err)
	}
	return data
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "jem-go-verifier:", err)
	os.Exit(1)
}

// openCheckpoint verifies the note with the pinned key, and pins the origin to its name.
func openCheckpoint(vkey string, text []byte) (treeHead, *note.Note) {
	verifier, err := note.NewVerifier(strings.TrimSpace(vkey))
	if err != nil {
		fail(err)
	}
	n, err := note.Open(text, note.VerifierList(verifier))
	if err != nil {
		fail(fmt.Errorf("the checkpoint does not open with %s: %w", verifier.Name(), err))
	}
	lines := strings.SplitN(n.Text, "\n", 4)
	if len(lines) < 4 {
		fail(errors.New("the checkpoint has fewer than three lines"))
	}
	if lines[0] != verifier.Name() {
		fail(fmt.Errorf("the checkpoint's origin %q is not the key's name %q", lines[0], verifier.Name()))
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		fail(fmt.Errorf("the checkpoint's size %q is not a decimal", lines[1]))
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		fail(fmt.Errorf("the checkpoint's root %q is not a base64 hash", lines[2]))
	}
	var head treeHead
	head.origin, head.size = lines[0], size
	copy(head.root[:], root)
	return head, n
}

func parseHashes(lines []string) []tlog.Hash {
	var out []tlog.Hash
	for _, line := range lines {
		h, err := base64.StdEncoding.DecodeString(line)
		if err != nil || len(h) != tlog.HashSize {
			fail(fmt.Errorf("%q is not a base64 hash", line))
		}
		var hash tlog.Hash
		copy(hash[:], h)
		out = append(out, hash)
	}
	return out
}

func inclusion(vkey string, proofText, event []byte) {
	parts := bytes.SplitN(proofText, []byte("\n\n"), 2)
	if len(parts) != 2 {
		fail(errors.New("the proof has no checkpoint after a blank line"))
	}
	lines := strings.Split(string(parts[0]), "\n")
	if len(lines) < 2 || lines[0] != "c2sp.org/tlog-proof@v1" || !strings.HasPrefix(lines[1], "index ") {
		fail(errors.New("the proof does not start with c2sp.org/tlog-proof@v1 and an index line"))
	}
	index, err := strconv.ParseInt(strings.TrimPrefix(lines[1], "index "), 10, 64)
	if err != nil {
		fail(err)
	}
	head, _ := openCheckpoint(vkey, parts[1])
	proof := tlog.RecordProof(parseHashes(lines[2:]))
	if err := tlog.CheckRecord(proof, head.size, head.root, index, tlog.RecordHash(event)); err != nil {
		fail(fmt.Errorf("the event is not at index %d of the tree of %d: %w", index, head.size, err))
	}
	fmt.Printf("ok: event %d is in the tree of %d events of %s\n", index+1, head.size, head.origin)
}

func consistency(vkey string, oldText, newText, proofText []byte) {
	oldHead, _ := openCheckpoint(vkey, oldText)
	newHead, _ := openCheckpoint(vkey, newText)
	lines := strings.Split(strings.TrimSuffix(string(proofText), "\n"), "\n")
	if len(lines) < 1 || lines[0] != "old "+strconv.FormatInt(oldHead.size, 10) {
		fail(fmt.Errorf("the proof does not start with the line 'old %d'", oldHead.size))
	}
	proof := tlog.TreeProof(parseHashes(lines[1:]))
	if err := tlog.CheckTree(proof, newHead.size, newHead.root, oldHead.size, oldHead.root); err != nil {
		fail(fmt.Errorf("the tree of %d is not the start of the tree of %d: %w", oldHead.size, newHead.size, err))
	}
	fmt.Printf("ok: the tree of %d events extends the tree of %d\n", newHead.size, oldHead.size)
}

// cosigned checks a cosignature/v1 (C2SP tlog-cosignature) with Go's crypto/ed25519: the
// note package of this x/mod release predates that signature type.
func cosigned(vkey, witnessKey string, text []byte) {
	openCheckpoint(vkey, text)
	fields := strings.SplitN(strings.TrimSpace(witnessKey), "+", 3)
	if len(fields) != 3 {
		fail(errors.New("the witness key is not name+id+key"))
	}
	key, err := base64.StdEncoding.DecodeString(fields[2])
	if err != nil || len(key) != 33 || key[0] != 0x04 {
		fail(errors.New("the witness key is not a cosignature/v1 Ed25519 key"))
	}
	id := sha256.Sum256(append([]byte(fields[0]+"\n\x04"), key[1:]...))
	split := bytes.LastIndex(text, []byte("\n\n"))
	body := text[:split+1]
	for _, line := range strings.Split(strings.TrimSuffix(string(text[split+2:]), "\n"), "\n") {
		prefix := "— " + fields[0] + " "
		if !strings.HasPrefix(line, prefix) {
			continue
		}
		sig, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(line, prefix))
		if err != nil || len(sig) != 4+8+64 || !bytes.Equal(sig[:4], id[:4]) {
			continue
		}
		timestamp := binary.BigEndian.Uint64(sig[4:12])
		message := fmt.Sprintf("cosignature/v1\ntime %d\n%s", timestamp, body)
		if ed25519.Verify(ed25519.PublicKey(key[1:]), []byte(message), sig[12:]) {
			fmt.Printf("ok: cosigned by %s at %d\n", fields[0], timestamp)
			return
		}
		fail(errors.New("the cosignature does not verify"))
	}
	fail(fmt.Errorf("no cosignature by %s", fields[0]))
}

// tileReader fetches hash tiles over HTTP. Go names tiles tile/H/L/N; C2SP tlog-tiles
// leaves out the height, which is always 8.
type tileReader struct{ base string }

func (r tileReader) Height() int { return 8 }

func (r tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	var out [][]byte
	for _, t := range tiles {
		path := strings.Replace(t.Path(), "tile/8/", "tile/", 1)
		resp, err := http.Get(r.base + "/" + path)
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			return nil, fmt.Errorf("GET %s: %d %v", path, resp.StatusCode, err)
		}
		out = append(out, data)
	}
	return out, nil
}

func (r tileReader) SaveTiles([]tlog.Tile, [][]byte) {}

func tiles(base, vkey string) {
	resp, err := http.Get(base + "/checkpoint")
	if err != nil {
		fail(err)
	}
	text, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	head, _ := openCheckpoint(vkey, text)
	reader := tlog.TileHashReader(tlog.Tree{N: head.size, Hash: head.root}, tileReader{base})
	root, err := tlog.TreeHash(head.size, reader)
	if err != nil || root != head.root {
		fail(fmt.Errorf("the tiles do not give the checkpoint's root: %v", err))
	}
	for _, i := range []int64{0, head.size / 2, head.size - 1} {
		proof, err := tlog.ProveRecord(head.size, i, reader)
		if err != nil {
			fail(err)
		}
		leaf, err := reader.ReadHashes([]int64{tlog.StoredHashIndex(0, i)})
		if err != nil {
			fail(err)
		}
		if err := tlog.CheckRecord(proof, head.size, head.root, i, leaf[0]); err != nil {
			fail(err)
		}
	}
	fmt.Printf("ok: the tiles of %s give the root of its %d events\n", head.origin, head.size)
}

func main() {
	args := os.Args[1:]
	switch {
	case len(args) == 3 && args[0] == "checkpoint":
		head, _ := openCheckpoint(string(readFile(args[1])), readFile(args[2]))
		fmt.Printf("ok: %s %d %x\n", head.origin, head.size, head.root[:])
	case len(args) == 4 && args[0] == "inclusion":
		inclusion(string(readFile(args[1])), readFile(args[2]), readFile(args[3]))
	case len(args) == 5 && args[0] == "consistency":
		consistency(string(readFile(args[1])), readFile(args[2]), readFile(args[3]), readFile(args[4]))
	case len(args) == 4 && args[0] == "cosigned":
		cosigned(string(readFile(args[1])), string(readFile(args[2])), readFile(args[3]))
	case len(args) == 3 && args[0] == "tiles":
		tiles(args[1], string(readFile(args[2])))
	default:
		fmt.Fprintln(os.Stderr, "usage: jem-go-verifier checkpoint|inclusion|consistency|cosigned|tiles ...")
		os.Exit(2)
	}
}
