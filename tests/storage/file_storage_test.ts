import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { FileStorage } from "../../storage/file_storage_node.ts";
import { StorageError } from "../../storage/storage_error.ts";
import type { Storage } from "../../storage/storage.ts";
import { runStorageContract } from "./run_contract.ts";

const root = await mkdtemp(join(tmpdir(), "sparrow-file-storage-"));
after(() => rm(root, { recursive: true, force: true }));
let counter = 0;
const freshPath = () => join(root, `s${++counter}.session`);

runStorageContract("FileStorage", {
  create: () => FileStorage.open(freshPath()),
  async reopen(storage: Storage) {
    await storage.close();
    return FileStorage.open((storage as FileStorage).path);
  },
});

async function assertStorageError(
  promise: Promise<unknown>,
  code: string,
  pattern: RegExp,
  path: string,
) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof StorageError, `not a StorageError: ${error}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    assert.ok(
      error.message.includes(path),
      `the message names the file: ${error.message}`,
    );
    return true;
  });
}

const HEAD = '{"format":"sparrow-storage","version":1,"entries":';

describe("FileStorage: corrupt or foreign files", () => {
  const cases: [string, string, string, RegExp][] = [
    ["an empty file", "", "corrupt", /empty/],
    ["a truncated file", `${HEAD}{"a":1`, "corrupt", /truncated/],
    ["a damaged first line", `${HEAD}{"a":1\n`, "corrupt", /not valid JSON/],
    [
      "JSON of another program",
      '{"hello":"world"}\n',
      "corrupt",
      /not a sparrow-storage file/,
    ],
    ["a JSON array", "[1,2]\n", "corrupt", /not a sparrow-storage file/],
    [
      "a newer format",
      '{"format":"sparrow-storage","version":2,"entries":{}}\n',
      "version",
      /newer/,
    ],
    [
      "no entries",
      '{"format":"sparrow-storage","version":1}\n',
      "corrupt",
      /entries/,
    ],
    ["a bad bigint", `${HEAD}{"a":{"$n":"12x"}}}\n`, "corrupt", /bigint/],
    ["bad base64", `${HEAD}{"k":{"$b":"@@@@"}}}\n`, "corrupt", /base64/],
    ["an unknown tag", `${HEAD}{"k":{"$date":1}}}\n`, "corrupt", /unknown tag/],
    ["an empty key", `${HEAD}{"":1}}\n`, "corrupt", /bad key/],
    [
      "a damaged log line",
      `${HEAD}{}}\n[["s","a",1]]\n[["s","b",\n`,
      "corrupt",
      /line 3/,
    ],
    [
      "a log line that is no list",
      `${HEAD}{}}\n{"s":1}\n`,
      "corrupt",
      /line 2/,
    ],
    [
      "a malformed op",
      `${HEAD}{}}\n[["x","a",1]]\n`,
      "corrupt",
      /malformed op/,
    ],
    [
      "a set without value",
      `${HEAD}{}}\n[["s","a"]]\n`,
      "corrupt",
      /malformed op/,
    ],
    [
      "a bad value in the log",
      `${HEAD}{}}\n[["s","a",{"$n":1}]]\n`,
      "corrupt",
      /bigint/,
    ],
    ["a bad key in the log", `${HEAD}{}}\n[["d",""]]\n`, "corrupt", /bad key/],
  ];
  for (const [name, text, code, pattern] of cases) {
    it(`${name} gives a StorageError and is left untouched`, async () => {
      const path = freshPath();
      await writeFile(path, text);
      await assertStorageError(FileStorage.open(path), code, pattern, path);
      const lazy = new FileStorage(path);
      await assertStorageError(lazy.set("x", 1), code, pattern, path);
      await assertStorageError(lazy.get("x"), code, pattern, path);
      await lazy.close();
      assert.equal(await readFile(path, "utf8"), text);
      // A failed open releases its lock: the next open fails for the same reason.
      await assertStorageError(FileStorage.open(path), code, pattern, path);
    });
  }

  it("the error names the key of a bad value", async () => {
    const path = freshPath();
    await writeFile(path, `${HEAD}{"dc/2/salt":{"$n":1}}}\n`);
    await assert.rejects(FileStorage.open(path), (error) => {
      assert.ok(error instanceof StorageError);
      assert.equal(error.key, "dc/2/salt");
      assert.match(error.message, /"dc\/2\/salt"/);
      return true;
    });
  });
});

describe("FileStorage: the log", () => {
  it("ignores a last line cut short, and compacts it away on the next write", async () => {
    const path = freshPath();
    await writeFile(
      path,
      `${HEAD}{"a":1}}\n[["s","b",2],["d","a"]]\n[["s","c",3],["s","d"`,
    );
    const storage = await FileStorage.open(path);
    assert.deepEqual(await storage.list(""), [["b", 2]]);
    await storage.set("e", 5);
    await storage.close();
    const text = await readFile(path, "utf8");
    assert.equal(
      text.split("\n").length,
      2,
      "one snapshot line after compaction",
    );
    const reopened = await FileStorage.open(path);
    assert.deepEqual(await reopened.list(""), [["b", 2], ["e", 5]]);
    await reopened.close();
  });

  it("appends small writes and compacts once the log outgrows the snapshot", async () => {
    const path = freshPath();
    const storage = await FileStorage.open(path);
    await storage.set("big", new Uint8Array(100_000));
    const afterFirst = (await stat(path)).size;
    await storage.set("pts", 1);
    const afterSecond = (await stat(path)).size;
    assert.ok(
      afterSecond > afterFirst && afterSecond < afterFirst + 100,
      "appended",
    );
    // About 1 kB per line: the 100 kB snapshot is outgrown after ~100 writes.
    for (let i = 2; i <= 300; i++) {
      await storage.set("pts", `${i}`.padEnd(1000));
    }
    const size = (await stat(path)).size;
    assert.ok(size < 2 * afterFirst + 100, `compacted: ${size} bytes`);
    await storage.close();
    const reopened = await FileStorage.open(path);
    assert.equal(await reopened.get("pts"), "300".padEnd(1000));
    assert.deepEqual(await reopened.get("big"), new Uint8Array(100_000));
    await reopened.close();
  });

  it("replays a batch's ops in order", async () => {
    const path = freshPath();
    const storage = await FileStorage.open(path);
    await storage.set("x", "snapshot");
    await storage.batch([
      { type: "set", key: "x", value: 1 },
      { type: "delete", key: "x" },
      { type: "set", key: "y", value: 2 },
      { type: "set", key: "y", value: 3 },
    ]);
    await storage.close();
    const reopened = await FileStorage.open(path);
    assert.deepEqual(await reopened.list(""), [["y", 3]]);
    await reopened.close();
  });
});

describe("FileStorage: files and locks", () => {
  it("a missing file is an empty storage, created on the first write with mode 0600", async () => {
    const path = freshPath();
    const storage = await FileStorage.open(path);
    assert.deepEqual(await storage.list(""), []);
    await assert.rejects(stat(path), { code: "ENOENT" });
    await storage.set("k", new Uint8Array([1, 2]));
    if (process.platform !== "win32") {
      assert.equal((await stat(path)).mode & 0o777, 0o600);
    }
    await storage.close();
    const names = (await readdir(root)).filter((n) =>
      n.startsWith(path.split("/").pop()!)
    );
    assert.deepEqual(names.sort(), [path.split("/").pop()]);
  });

  it("a second open of the same file fails while the first is open", async () => {
    const path = freshPath();
    const first = await FileStorage.open(path);
    await first.set("owner", "first");
    await assertStorageError(
      FileStorage.open(path),
      "locked",
      /in use by process/,
      path,
    );
    await first.close();
    const second = await FileStorage.open(path);
    assert.equal(await second.get("owner"), "first");
    await second.close();
  });

  it("a lock left by a dead process is taken over", async () => {
    const path = freshPath();
    await writeFile(`${path}.lock`, "999999999");
    const storage = await FileStorage.open(path);
    await storage.set("k", 1);
    assert.equal(await readFile(`${path}.lock`, "utf8"), String(process.pid));
    await storage.close();
    await assert.rejects(stat(`${path}.lock`), { code: "ENOENT" });
  });

  it("locking can be turned off", async () => {
    const path = freshPath();
    const first = await FileStorage.open(path, { lock: false });
    const second = await FileStorage.open(path, { lock: false });
    await first.close();
    await second.close();
  });

  it("many unawaited writes all reach the file", async () => {
    const path = freshPath();
    const storage = await FileStorage.open(path);
    const writes = [];
    for (let i = 0; i < 200; i++) writes.push(storage.set(`k/${i}`, i));
    writes.push(storage.delete("k/0"));
    await Promise.all(writes);
    await storage.close();
    const reopened = await FileStorage.open(path);
    const listed = await reopened.list("k/");
    assert.equal(listed.length, 199);
    assert.equal(await reopened.get("k/199"), 199);
    assert.equal(await reopened.get("k/0"), undefined);
    await reopened.close();
  });

  it("close waits for pending writes", async () => {
    const path = freshPath();
    const storage = new FileStorage(path);
    const pending = storage.set("late", "value");
    await storage.close();
    await pending;
    const reopened = await FileStorage.open(path);
    assert.equal(await reopened.get("late"), "value");
    await reopened.close();
  });

  it("a failed write fails later calls instead of diverging from the file", async () => {
    const dir = join(root, `gone-${++counter}`);
    const { mkdir } = await import("node:fs/promises");
    await mkdir(dir);
    const storage = await FileStorage.open(join(dir, "s.session"), {
      lock: false,
    });
    await rm(dir, { recursive: true });
    await assert.rejects(
      storage.set("k", 1),
      (e) => e instanceof StorageError && e.code === "io",
    );
    await assert.rejects(
      storage.get("k"),
      (e) => e instanceof StorageError && e.code === "io",
    );
    await storage.close();
  });
});
