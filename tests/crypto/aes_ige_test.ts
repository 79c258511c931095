import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import process from "node:process";
import {
  aesIgeDecrypt,
  aesIgeEncrypt,
  type AesIgeImplementation,
  getAesIgeImplementation,
  initAesIgeWasm,
  isAesIgeWasmAvailable,
  setAesIgeImplementation,
} from "../../crypto/aes_ige.ts";
import { fromHex } from "./helpers.ts";

/** Published AES-IGE vectors, copied from ../shared/vectors/aes_ige.json (sources inline). */
const VECTORS = [
  {
    source: 'OpenSSL test/igetest.c (Ben Laurie, "AES IGE" spec) -- AES-128',
    key: "000102030405060708090A0B0C0D0E0F",
    iv: "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F",
    plaintext:
      "0000000000000000000000000000000000000000000000000000000000000000",
    ciphertext:
      "1A8519A6557BE652E9DA8E43DA4EF4453CF456B4CA488AA383C79C98B34797CB",
  },
  {
    source: 'OpenSSL test/igetest.c (Ben Laurie, "AES IGE" spec) -- AES-128',
    key: "5468697320697320616E20696D706C65",
    iv: "6D656E746174696F6E206F6620494745206D6F646520666F72204F70656E5353",
    plaintext:
      "99706487A1CDE613BC6DE0B6F24B1C7AA448C8B9C3403E3467A8CAD89340F53B",
    ciphertext:
      "4C2E204C6574277320686F70652042656E20676F74206974207269676874210A",
  },
  {
    source:
      'github mtcute/mtcute packages/test/src/crypto.ts @42538c29 ("should encrypt and decrypt aes-ige") -- AES-256',
    key: "5468697320697320616E20696D706C655468697320697320616E20696D706C65",
    iv: "6D656E746174696F6E206F6620494745206D6F646520666F72204F70656E5353",
    plaintext:
      "99706487A1CDE613BC6DE0B6F24B1C7AA448C8B9C3403E3467A8CAD89340F53B",
    ciphertext:
      "792EA8AE577B1A66CB3BD92679B8030CA54EE631976BD3A04547FDCB4639FA69",
  },
  {
    source:
      "github gram-js/gramjs __tests__/crypto/AES.spec.ts @3dc2346 -- AES-256 (ASCII key/iv/plaintext, hex-encoded here)",
    key: "746865206B6579206E656564732033322063686172616374657273206C6F6E67",
    iv: "746865206976206E656564732033322063686172616374657273206C6F6E672E",
    plaintext:
      "746869732073686F756C6420686F6C6420612036342063686172616374657273206C6F6E6720737472696E672E206F6E6C79203130206D6F7265206C6566742E",
    ciphertext:
      "4A657A834EDC2956EC95B2A42EC8C1F2D1F0A6028AC26FD830ED23855574B4E69DD1A2BE2BA18A53A49B879B245E1065E14B6E8AC5BA9B24BEFAFF3209B77B5F",
  },
  {
    source: "core.telegram.org/mtproto/samples-auth_key step 6 -- AES-256",
    key: "5EA702F743E850F5546E857F08B7D5337BBAEDF9B61248751594851BE2E8C297",
    iv: "1CEF8E372A63D97EBFA805C0DBB018BC7C1E0931693FBCB1A1AFC0C0A8BBC849",
    plaintext:
      "60026275CC91DDEC5371C67B10331C4C1D362585BA0D89B5406709F612FADFBEC3F0289D0AA67EEFE11DBC3BC97D91A26154F932AF01994303000000FE000100C71CAEB9C6B1C9048E6C522F70F13F73980D40238E3E21C14934D037563D930F48198A0AA7C14058229493D22530F4DBFA336F6E0AC925139543AED44CCE7C3720FD51F69458705AC68CD4FE6B6B13ABDC9746512969328454F18FAF8C595F642477FE96BB2A941D5BCD1D4AC8CC49880708FA9B378E3C4F3A9060BEE67CF9A4A4A695811051907E162753B56B0F6B410DBA74D8A84B2A14B3144E0EF1284754FD17ED950D5965B4B9DD46582DB1178D169C6BC465B0D6FF9CA3928FEF5B9AE4E418FC15E83EBEA0F87FA9FF5EED70050DED2849F47BF959D956850CE929851F0D8115F635B105EE2E4E15D04B2454BF6F4FADF034B10403119CD8E3B92FCC5BFE0001000A77200BDFF6E6C4C126A2C41DF310AB3A3BDBD698CD480749E1F3C64FB1CFC9DFC70AC6F1AA671019620A640055B2CF7D7D99CC86533645C0FA000954DE2987BAD68D7450CF134C9F0305F34C1BB285DA8233F65970A01C4BD3AFD5EA3CD5864B8F1DCB35D5E9737DF15063C54CF53048EF519A280498DDDAF23764F29FFB0C5813CAAD90C319BE8592B78C4BE815E65ADA7C62EA23754B5A2C5A86C4721872D0CC48E0F895C3EBE186E81E5F0E88A6B3F09101C409AF3410B64238FBF2A2095E3F3B7FFC7EB3A02A319B99A155647BC59958BCDFED8A1CC6EB7F13F8600E521D9D0247B0F639F2FA3B09F72987781F71C0E8AA950167DE5092380B4853E7F1513DC565C26F8049523E89D2",
    ciphertext:
      "6AD7DD5D8B2526C761ABE50E93C82A6F331B1EAE0AD011893DA976E3771D4AA45209D234FEA65642985386B817BF8980F517F6D32DBEB47E34534556F950DDF960DB721A48480231619161112682C6046D5629C71CD1EC8061DFCDD704703EC7A8AEBDCBD159579FC8886D9FA51E009AF49B5AB90C7628EB81C9788A2EB6AC0E757A7DEBE3D949F80A990BEDB4D2DBAE43F00328B82F4D8FC83A9B9CFEEF467E1593BB4579EE32412F167A780CFA517650BD0EB51CBFB50E3AFE978839466131FCD956711E63614F006A55ED35ED2B1F833C29F4FD7A84F0C8F1C10DFC1A1AAF9A8A57108DECF206E3968406F0FB25E922DF154F497B51527E4834202FAB477A137D0A99D1C347196FBA10699F52EA56F01EF93829B310A5C97DB95FD57E64417E526EB920D261157C6E38791BDD5389EEB744E075D952DB33A8151207D0AB3C629E30A723A5205F8FA18398937ED2714A4E76A5F4512508A4BE1B4D6AE46FD156C6F06347AF5E07CE49279195133B07CCE4BC6775D88F3611180D23C4C70946619AD759AB9F183A385CCF9BF19315FADBE8A4FDC748AF52DF930345909C870DE4B48901E9F90E56D74CA534D8E1FE3A35A92A18D676958EB8FC3D82F9CEE308DF2A9E4CCD23FF89EA255B9EEDBC3378148879666FFC2E19A431CBB57AE1A010FFE5CB39ABF131ADD9E90BF969A112C435509B78960E0B20031C822190841561E8390446227660BBACCF3D53574BFBA33BF476E3BDC9EB680AA2A17FD6756F652725ED0313E5EB0FD6A9C8C949EEFBE809A89311BF20F40055CA25FD169DC13EE14B315092FDE4184638D849682FD862",
  },
];

/** IGE built from OpenSSL's AES-ECB, one block at a time: the independent reference. */
function referenceIge(
  data: Uint8Array,
  key: Uint8Array,
  iv: Uint8Array,
  encrypt: boolean,
): Uint8Array {
  const algorithm = `aes-${key.length * 8}-ecb`;
  const cipher = encrypt
    ? createCipheriv(algorithm, key, null)
    : createDecipheriv(algorithm, key, null);
  cipher.setAutoPadding(false);
  const out = new Uint8Array(data.length);
  // c_i = E(p_i ^ c_{i-1}) ^ p_{i-1} and p_i = D(c_i ^ p_{i-1}) ^ c_{i-1}: before the
  // block cipher goes the previous output block, after it the previous input block.
  // The iv is (c_0, p_0), so its halves swap roles between the two directions.
  let xorBefore = encrypt ? iv.slice(0, 16) : iv.slice(16, 32);
  let xorAfter = encrypt ? iv.slice(16, 32) : iv.slice(0, 16);
  for (let at = 0; at < data.length; at += 16) {
    const block = data.subarray(at, at + 16);
    const x = new Uint8Array(16);
    for (let i = 0; i < 16; i++) x[i] = block[i] ^ xorBefore[i];
    const y = cipher.update(x);
    for (let i = 0; i < 16; i++) out[at + i] = y[i] ^ xorAfter[i];
    xorBefore = out.slice(at, at + 16);
    xorAfter = block.slice();
  }
  return out;
}

const IMPLEMENTATIONS: AesIgeImplementation[] = ["pure", "wasm"];
const SAMPLE = VECTORS.find((v) => v.key.length === 64)!;

/**
 * Runs `body` in a new Deno or Node process where crypto/aes_ige.ts is imported
 * as `m` but not used yet, so no kernel has been picked. The module is imported
 * before `body` runs because Node's TypeScript loader itself needs WebAssembly.
 * `body` may await, and calls `report(value)` once.
 */
function inFreshRuntime(body: string): unknown {
  const module = new URL("../../crypto/aes_ige.ts", import.meta.url).href;
  const script = `
    const m = await import(${JSON.stringify(module)});
    const hex = (s) => new Uint8Array(s.match(/../g).map((b) => parseInt(b, 16)));
    const toHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    const plaintext = hex("${SAMPLE.plaintext}"), key = hex("${SAMPLE.key}"), iv = hex("${SAMPLE.iv}");
    const report = (value) => console.log("RESULT " + JSON.stringify(value));
    ${body}`;
  const args = "Deno" in globalThis
    ? ["eval", script]
    : ["--import", "tsx", "--input-type=module", "-e", script];
  const output = execFileSync(process.execPath, args, {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  const line = output.split("\n").find((l) => l.startsWith("RESULT "));
  assert.ok(line, `no result from the child process; it printed: ${output}`);
  return JSON.parse(line.slice("RESULT ".length));
}

function withImplementation<T>(
  implementation: AesIgeImplementation,
  run: () => T,
): T {
  const previous = getAesIgeImplementation();
  setAesIgeImplementation(implementation);
  try {
    return run();
  } finally {
    setAesIgeImplementation(previous);
  }
}

function random(length: number): Uint8Array {
  return new Uint8Array(randomBytes(length));
}

// The wasm loader feeds its kernel 64 KiB at a time: 65536 fills one piece exactly,
// 65536 + 16 spills one block into a second, 1 MiB (+ 48) chains across many.
const LENGTHS = [
  0,
  16,
  32,
  48,
  64,
  80,
  96,
  112,
  128,
  144,
  1024,
  4096 + 16,
  65536,
  65536 + 16,
  1 << 20,
  (1 << 20) + 48,
];

describe("reference IGE built from node:crypto", () => {
  it("reproduces every published vector, AES-128 and AES-256", () => {
    for (const v of VECTORS) {
      const key = fromHex(v.key), iv = fromHex(v.iv);
      assert.deepEqual(
        referenceIge(fromHex(v.plaintext), key, iv, true),
        fromHex(v.ciphertext),
        v.source,
      );
      assert.deepEqual(
        referenceIge(fromHex(v.ciphertext), key, iv, false),
        fromHex(v.plaintext),
        v.source,
      );
    }
  });
});

describe("AES-256-IGE implementation switch", () => {
  it("runs the WebAssembly kernel in this runtime and uses it by default", () => {
    assert.equal(isAesIgeWasmAvailable(), true);
    assert.equal(getAesIgeImplementation(), "wasm");
  });

  it("switches between kernels and reports the one in use", () => {
    const previous = getAesIgeImplementation();
    try {
      setAesIgeImplementation("pure");
      assert.equal(getAesIgeImplementation(), "pure");
      setAesIgeImplementation("wasm");
      assert.equal(getAesIgeImplementation(), "wasm");
    } finally {
      setAesIgeImplementation(previous);
    }
  });

  it("falls back to the pure kernel where WebAssembly is missing", () => {
    const result = inFreshRuntime(`
      delete globalThis.WebAssembly;
      const ciphertext = toHex(m.aesIgeEncrypt(plaintext, key, iv));
      let wasmRefused = false;
      try { m.setAesIgeImplementation("wasm"); } catch { wasmRefused = true; }
      report({
        implementation: m.getAesIgeImplementation(),
        available: m.isAesIgeWasmAvailable(),
        wasmRefused,
        ciphertext,
        asyncInit: await m.initAesIgeWasm(),
      });`);
    assert.deepEqual(result, {
      implementation: "pure",
      available: false,
      wasmRefused: true,
      ciphertext: SAMPLE.ciphertext.toLowerCase(),
      asyncInit: false,
    });
  });

  it("switches to wasm after initAesIgeWasm where synchronous compilation is refused", () => {
    // Older Chromium throws a RangeError from new WebAssembly.Module(> 4 KB) on the main thread.
    const result = inFreshRuntime(`
      const SyncModule = WebAssembly.Module;
      WebAssembly.Module = function () { throw new RangeError("sync compile refused"); };
      const before = m.getAesIgeImplementation();
      const ready = await m.initAesIgeWasm();
      WebAssembly.Module = SyncModule;
      report({
        before,
        ready,
        after: m.getAesIgeImplementation(),
        ciphertext: toHex(m.aesIgeEncrypt(plaintext, key, iv)),
      });`);
    assert.deepEqual(result, {
      before: "pure",
      ready: true,
      after: "wasm",
      ciphertext: SAMPLE.ciphertext.toLowerCase(),
    });
  });

  it("keeps the caller's choice of kernel when initAesIgeWasm finishes", () => {
    const result = inFreshRuntime(`
      m.setAesIgeImplementation("pure");
      report({ ready: await m.initAesIgeWasm(), after: m.getAesIgeImplementation() });`);
    assert.deepEqual(result, { ready: true, after: "pure" });
  });

  it("initAesIgeWasm resolves true here and keeps the kernel in use", async () => {
    const previous = getAesIgeImplementation();
    assert.equal(await initAesIgeWasm(), true);
    assert.equal(getAesIgeImplementation(), previous);
  });

  it("refuses an unknown kernel name and keeps the current one", () => {
    const previous = getAesIgeImplementation();
    assert.throws(
      () => setAesIgeImplementation("fast" as AesIgeImplementation),
      (e) => e instanceof TypeError && /unknown implementation/.test(e.message),
    );
    assert.equal(getAesIgeImplementation(), previous);
  });
});

for (const implementation of IMPLEMENTATIONS) {
  describe(`AES-256-IGE (${implementation} kernel)`, () => {
    const encrypt = (d: Uint8Array, k: Uint8Array, i: Uint8Array) =>
      withImplementation(implementation, () => aesIgeEncrypt(d, k, i));
    const decrypt = (d: Uint8Array, k: Uint8Array, i: Uint8Array) =>
      withImplementation(implementation, () => aesIgeDecrypt(d, k, i));

    it("matches the published AES-256-IGE vectors", () => {
      const vectors = VECTORS.filter((v) => v.key.length === 64);
      assert.equal(vectors.length, 3);
      for (const v of vectors) {
        const key = fromHex(v.key), iv = fromHex(v.iv);
        assert.deepEqual(
          encrypt(fromHex(v.plaintext), key, iv),
          fromHex(v.ciphertext),
          v.source,
        );
        assert.deepEqual(
          decrypt(fromHex(v.ciphertext), key, iv),
          fromHex(v.plaintext),
          v.source,
        );
      }
    });

    it("matches IGE over OpenSSL's AES-256-ECB on random data, 0 B to 1 MiB", () => {
      for (const length of LENGTHS) {
        const data = random(length), key = random(32), iv = random(32);
        const ciphertext = encrypt(data, key, iv);
        assert.deepEqual(
          ciphertext,
          referenceIge(data, key, iv, true),
          `encrypt ${length}`,
        );
        assert.deepEqual(
          decrypt(data, key, iv),
          referenceIge(data, key, iv, false),
          `decrypt ${length}`,
        );
        assert.deepEqual(
          decrypt(ciphertext, key, iv),
          data,
          `round trip ${length}`,
        );
      }
    });

    it("gives the same result on repeated calls with changing keys and sizes", () => {
      // Catches state that leaks between calls (cached schedules, reused buffers).
      const big = random(300000), small = random(48);
      const k1 = random(32), k2 = random(32), iv = random(32);
      const first = encrypt(big, k1, iv);
      encrypt(small, k2, iv);
      decrypt(small, k2, iv);
      assert.deepEqual(encrypt(big, k1, iv), first);
      assert.deepEqual(
        encrypt(small, k2, iv),
        referenceIge(small, k2, iv, true),
      );
      assert.deepEqual(decrypt(first, k1, iv), big);
    });

    it("reads views at any byte offset and leaves the inputs untouched", () => {
      const backing = random(16 * 20 + 3 + 32 + 32 + 5);
      const data = backing.subarray(3, 3 + 16 * 20);
      const key = backing.subarray(3 + 16 * 20, 3 + 16 * 20 + 32);
      const iv = backing.subarray(3 + 16 * 20 + 32 + 1, 3 + 16 * 20 + 32 + 33);
      const before = backing.slice();
      const ciphertext = encrypt(data, key, iv);
      assert.deepEqual(backing, before);
      assert.deepEqual(
        ciphertext,
        referenceIge(data.slice(), key.slice(), iv.slice(), true),
      );
      assert.notEqual(ciphertext.buffer, backing.buffer);
      assert.deepEqual(decrypt(ciphertext, key, iv), data);
    });

    it("refuses a key, iv or data of the wrong size with a TypeError", () => {
      const ok = random(32);
      const cases: [Uint8Array, Uint8Array, Uint8Array, RegExp][] = [
        [random(16), random(31), ok, /key must be 32 bytes, got 31/],
        [random(16), random(33), ok, /key must be 32 bytes, got 33/],
        [random(16), random(16), ok, /key must be 32 bytes, got 16/],
        [random(16), ok, random(16), /iv must be 32 bytes, got 16/],
        [random(16), ok, random(0), /iv must be 32 bytes, got 0/],
        [random(15), ok, ok, /multiple of 16, got 15/],
        [random(17), ok, ok, /multiple of 16, got 17/],
        [random(1), ok, ok, /multiple of 16, got 1/],
      ];
      for (const [data, key, iv, message] of cases) {
        for (const run of [encrypt, decrypt]) {
          assert.throws(
            () => run(data, key, iv),
            (e) => e instanceof TypeError && message.test(e.message),
          );
        }
      }
      assert.throws(
        () => encrypt("abc" as unknown as Uint8Array, ok, ok),
        (e) =>
          e instanceof TypeError && /data must be a Uint8Array/.test(e.message),
      );
    });
  });
}

describe("AES-256-IGE kernels agree with each other", () => {
  it("wasm and pure give identical output on random data", () => {
    for (const length of [16, 160, 4096, 100000]) {
      const data = random(length), key = random(32), iv = random(32);
      const fromWasm = withImplementation(
        "wasm",
        () => aesIgeEncrypt(data, key, iv),
      );
      const fromPure = withImplementation(
        "pure",
        () => aesIgeEncrypt(data, key, iv),
      );
      assert.deepEqual(fromWasm, fromPure);
      assert.deepEqual(
        withImplementation("wasm", () => aesIgeDecrypt(data, key, iv)),
        withImplementation("pure", () => aesIgeDecrypt(data, key, iv)),
      );
    }
  });
});
