/**
 * Makes each update command atomic on the embedded FerretDB server, which does not
 * guarantee it. FerretDB v1.24 (SQLite) runs every update and findAndModify as "read
 * matching documents, apply the update in Go, write the whole document back by _id":
 * two concurrent conditional updates both match, and concurrent `$push`es lose entries.
 * Only unique-index inserts stay atomic. The embedded server belongs to the process
 * that started it, so serialising this process's updates per collection restores the
 * single-document atomicity MongoDB gives. Against MongoDB this is a pass-through.
 */

/** Runs one update so no other update of the same collection interleaves with it. */
export interface WriteSerializer {
  run<T>(collection: string, fn: () => Promise<T>): Promise<T>;
}

/** MongoDB: every single-document update is already atomic on the server. */
export const passThroughSerializer: WriteSerializer = {
  run: (_collection, fn) => fn(),
};

/** Tail of each queue, shared by every store in the process so several "instances" serialise too. */
const queues = new Map<string, Promise<unknown>>();

/**
 * FerretDB: a process-wide queue per (server, database, collection). `scope` names the
 * server and database, so stores on other databases never wait for each other.
 */
export function queueSerializer(scope: string): WriteSerializer {
  return {
    run<T>(collection: string, fn: () => Promise<T>): Promise<T> {
      const key = `${scope}|${collection}`;
      const previous = queues.get(key) ?? Promise.resolve();
      const result = previous.then(() => fn());
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      queues.set(key, tail);
      void tail.then(() => {
        if (queues.get(key) === tail) queues.delete(key);
      });
      return result;
    },
  };
}
