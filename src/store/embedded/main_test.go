// main_test.go runs the program as the launcher does (this test binary, in
// the role of main) and checks its life cycle: the ready line, the private
// socket directory, and a clean exit on stdin EOF or SIGTERM.

package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

func TestProcessLifeCycle(t *testing.T) {
	for _, how := range []string{"stdin", "sigterm"} {
		t.Run(how, func(t *testing.T) {
			tmp := t.TempDir()
			cmd := exec.Command(os.Args[0], "-port", "0", "-data-dir", t.TempDir(), "-log-level", "error")
			cmd.Env = append(os.Environ(), "EMBEDDED_RUN_MAIN=1", "TMPDIR="+tmp)
			cmd.Stderr = os.Stderr
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err = cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			t.Cleanup(func() { _ = cmd.Process.Kill() })

			line := make(chan string, 1)
			go func() {
				s := bufio.NewScanner(stdout)
				if s.Scan() {
					line <- s.Text()
				}
				close(line)
				_ = cmd.Wait()
				exited <- nil
			}()
			var ready string
			select {
			case ready = <-line:
			case <-time.After(20 * time.Second):
				t.Fatal("no ready line")
			}
			m := regexp.MustCompile(`^listening (mongodb://127\.0\.0\.1:\d+/)$`).FindStringSubmatch(ready)
			if m == nil {
				t.Fatalf("ready line %q", ready)
			}

			dirs, _ := filepath.Glob(filepath.Join(tmp, "ferretdb-*"))
			if len(dirs) != 1 {
				t.Fatalf("socket directories: %v", dirs)
			}
			if fi, err := os.Stat(dirs[0]); err != nil || fi.Mode().Perm() != 0o700 {
				t.Fatalf("socket directory %s: %v, %v", dirs[0], fi.Mode(), err)
			}
			if socks, _ := filepath.Glob(filepath.Join(dirs[0], "*")); len(socks) != 1 {
				t.Fatalf("socket directory holds %v", socks)
			}

			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			c, err := mongo.Connect(ctx, options.Client().ApplyURI(m[1]))
			if err != nil {
				t.Fatal(err)
			}
			if _, err = c.Database("p").Collection("c").InsertOne(ctx, bson.M{"_id": 1}); err != nil {
				t.Fatal(err)
			}
			// A client still connected must not keep the server alive.

			if how == "stdin" {
				_ = stdin.Close()
			} else {
				_ = cmd.Process.Signal(syscall.SIGTERM)
			}
			select {
			case <-exited:
			case <-time.After(15 * time.Second):
				t.Fatal("still running")
			}
			_ = c.Disconnect(context.Background())
			if code := cmd.ProcessState.ExitCode(); code != 0 {
				t.Fatalf("exit code %d", code)
			}
			if left, _ := os.ReadDir(tmp); len(left) != 0 {
				t.Fatalf("left behind in the temporary directory: %v", left)
			}
		})
	}
}
