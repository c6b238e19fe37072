// helpers_test.go starts the server in-process for tests and connects
// independent MongoDB driver clients to it.

package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

func TestMain(m *testing.M) {
	// The process test runs this test binary as the real program.
	if os.Getenv("EMBEDDED_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	code := m.Run()
	if shared != nil {
		shared.close()
		_ = os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

var (
	sharedOnce sync.Once
	shared     *instance
	sharedDir  string
	sharedErr  error
)

func testLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
}

// sharedServer is one server for the tests that only need some database of their own.
func sharedServer(t testing.TB) *instance {
	t.Helper()
	sharedOnce.Do(func() {
		// EMBEDDED_TEST_ADDR=host:port runs the tests against another server,
		// e.g. the previous build, to show what they catch.
		if addr := os.Getenv("EMBEDDED_TEST_ADDR"); addr != "" {
			shared = &instance{addr: addr}
			return
		}
		if sharedDir, sharedErr = os.MkdirTemp("", "embedded-test-"); sharedErr != nil {
			return
		}
		shared, sharedErr = start(0, sharedDir, testLogger())
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

// startServer starts a server of its own on dir, stopped when the test ends.
func startServer(t testing.TB, dir string) *instance {
	t.Helper()
	inst, err := start(0, dir, testLogger())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(inst.close)
	return inst
}

// connect opens a client of its own (its own connection pool) to inst.
func connect(t testing.TB, inst *instance) *mongo.Client {
	t.Helper()
	opts := options.Client().ApplyURI(fmt.Sprintf("mongodb://%s/", inst.addr)).
		SetServerSelectionTimeout(10 * time.Second)
	c, err := mongo.Connect(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Disconnect(context.Background()) })
	return c
}

// clients opens n independent clients.
func clients(t testing.TB, inst *instance, n int) []*mongo.Client {
	res := make([]*mongo.Client, n)
	for i := range res {
		res[i] = connect(t, inst)
	}
	return res
}

// testDB names a database after the test, so tests on the shared server do not meet.
func testDB(t testing.TB) string {
	return fmt.Sprintf("t%d_%d", os.Getpid(), dbCounter.Add(1))
}

var dbCounter atomic.Int32

func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// parallel runs f(i) for i in [0, n) concurrently and waits for all.
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			f(i)
		}()
	}
	close(start)
	wg.Wait()
}

func mustDoc(t testing.TB, res *mongo.SingleResult) bson.M {
	t.Helper()
	var m bson.M
	if err := res.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}
