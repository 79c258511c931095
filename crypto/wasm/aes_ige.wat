;; AES-256-IGE kernel, WebAssembly text format. Compiled by scripts/build_wasm.ts
;; (wabt) into crypto/aes_ige_wasm_bytes.ts.
;;
;; T-table AES on little-endian 32-bit words: a word's lowest byte is the first
;; byte of its column in memory, so blocks are loaded and stored without byte
;; swapping; the tables and round keys written by crypto/aes_ige_wasm.ts are in
;; the same little-endian form.
;;
;; Memory layout (bytes):
;;   0     TE0..TE3  encryption T-tables, 4 x 256 x u32
;;   4096  TD0..TD3  decryption T-tables, 4 x 256 x u32
;;   8192  INV_SBOX  256 x u8
;;   8448  RK        15 round keys, 240 bytes (written by the host before each call)
;;   8704  IV        32 bytes: previous ciphertext block, previous plaintext block;
;;                   updated at the end of a call, so long inputs can go in chunks
;;   16384 DATA      the data, processed in place; the host grows memory to fit
(module
  (memory (export "memory") 1)
  (global $DATA (export "data") i32 (i32.const 16384))
  ;; AES-256-IGE encryption of `len` bytes at DATA, in place.
  ;; The round keys (encryption schedule) are at RK, the iv at IV.
  (func (export "encrypt") (param $len i32)
    (local $p i32) (local $end i32) (local $k i32) (local $r i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32)
    (local $n0 i32) (local $n1 i32) (local $n2 i32) (local $n3 i32)
    (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $t0 i32) (local $t1 i32) (local $t2 i32) (local $t3 i32)
    ;; c = previous ciphertext block, q = previous plaintext block
    (local.set $c0 (i32.load offset=8704 (i32.const 0)))
    (local.set $c1 (i32.load offset=8708 (i32.const 0)))
    (local.set $c2 (i32.load offset=8712 (i32.const 0)))
    (local.set $c3 (i32.load offset=8716 (i32.const 0)))
    (local.set $q0 (i32.load offset=8720 (i32.const 0)))
    (local.set $q1 (i32.load offset=8724 (i32.const 0)))
    (local.set $q2 (i32.load offset=8728 (i32.const 0)))
    (local.set $q3 (i32.load offset=8732 (i32.const 0)))
    (local.set $p (global.get $DATA))
    (local.set $end (i32.add (global.get $DATA) (local.get $len)))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $n0 (i32.load offset=0 (local.get $p)))
        (local.set $n1 (i32.load offset=4 (local.get $p)))
        (local.set $n2 (i32.load offset=8 (local.get $p)))
        (local.set $n3 (i32.load offset=12 (local.get $p)))
        (local.set $s0 (i32.xor (i32.xor (local.get $n0) (local.get $c0)) (i32.load offset=8448 (i32.const 0))))
        (local.set $s1 (i32.xor (i32.xor (local.get $n1) (local.get $c1)) (i32.load offset=8452 (i32.const 0))))
        (local.set $s2 (i32.xor (i32.xor (local.get $n2) (local.get $c2)) (i32.load offset=8456 (i32.const 0))))
        (local.set $s3 (i32.xor (i32.xor (local.get $n3) (local.get $c3)) (i32.load offset=8460 (i32.const 0))))
        ;; the chaining value applied after the cipher, kept before it is overwritten
        (local.set $x0 (local.get $q0))
        (local.set $x1 (local.get $q1))
        (local.set $x2 (local.get $q2))
        (local.set $x3 (local.get $q3))
        (local.set $q0 (local.get $n0))
        (local.set $q1 (local.get $n1))
        (local.set $q2 (local.get $n2))
        (local.set $q3 (local.get $n3))
        ;; rounds 1..12, two per iteration; $k is the byte offset of the round key
        (local.set $k (i32.const 16))
        (local.set $r (i32.const 6))
        (loop $rounds
        ;; s -> t
          (local.set $t0
            (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (i32.shl (local.get $s0) (i32.const 2)) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s1) (i32.const 6)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s2) (i32.const 14)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.shr_u (local.get $s3) (i32.const 22)) (i32.const 0x3fc)))))
            (i32.load offset=8448 (local.get $k))))
          (local.set $t1
            (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (i32.shl (local.get $s1) (i32.const 2)) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s2) (i32.const 6)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s3) (i32.const 14)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.shr_u (local.get $s0) (i32.const 22)) (i32.const 0x3fc)))))
            (i32.load offset=8452 (local.get $k))))
          (local.set $t2
            (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (i32.shl (local.get $s2) (i32.const 2)) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s3) (i32.const 6)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s0) (i32.const 14)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.shr_u (local.get $s1) (i32.const 22)) (i32.const 0x3fc)))))
            (i32.load offset=8456 (local.get $k))))
          (local.set $t3
            (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (i32.shl (local.get $s3) (i32.const 2)) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s0) (i32.const 6)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s1) (i32.const 14)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.shr_u (local.get $s2) (i32.const 22)) (i32.const 0x3fc)))))
            (i32.load offset=8460 (local.get $k))))
        ;; t -> s
          (local.set $s0
            (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (i32.shl (local.get $t0) (i32.const 2)) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t1) (i32.const 6)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t2) (i32.const 14)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.shr_u (local.get $t3) (i32.const 22)) (i32.const 0x3fc)))))
            (i32.load offset=8464 (local.get $k))))
          (local.set $s1
            (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (i32.shl (local.get $t1) (i32.const 2)) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t2) (i32.const 6)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t3) (i32.const 14)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.shr_u (local.get $t0) (i32.const 22)) (i32.const 0x3fc)))))
            (i32.load offset=8468 (local.get $k))))
          (local.set $s2
            (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (i32.shl (local.get $t2) (i32.const 2)) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t3) (i32.const 6)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t0) (i32.const 14)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.shr_u (local.get $t1) (i32.const 22)) (i32.const 0x3fc)))))
            (i32.load offset=8472 (local.get $k))))
          (local.set $s3
            (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (i32.shl (local.get $t3) (i32.const 2)) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t0) (i32.const 6)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t1) (i32.const 14)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.shr_u (local.get $t2) (i32.const 22)) (i32.const 0x3fc)))))
            (i32.load offset=8476 (local.get $k))))
          (local.set $k (i32.add (local.get $k) (i32.const 32)))
          (br_if $rounds (local.tee $r (i32.sub (local.get $r) (i32.const 1)))))
        ;; round 13
        (local.set $t0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (i32.shl (local.get $s0) (i32.const 2)) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s1) (i32.const 6)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s2) (i32.const 14)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.shr_u (local.get $s3) (i32.const 22)) (i32.const 0x3fc)))))
          (i32.load offset=8448 (local.get $k))))
        (local.set $t1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (i32.shl (local.get $s1) (i32.const 2)) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s2) (i32.const 6)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s3) (i32.const 14)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.shr_u (local.get $s0) (i32.const 22)) (i32.const 0x3fc)))))
          (i32.load offset=8452 (local.get $k))))
        (local.set $t2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (i32.shl (local.get $s2) (i32.const 2)) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s3) (i32.const 6)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s0) (i32.const 14)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.shr_u (local.get $s1) (i32.const 22)) (i32.const 0x3fc)))))
          (i32.load offset=8456 (local.get $k))))
        (local.set $t3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (i32.shl (local.get $s3) (i32.const 2)) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s0) (i32.const 6)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s1) (i32.const 14)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.shr_u (local.get $s2) (i32.const 22)) (i32.const 0x3fc)))))
          (i32.load offset=8460 (local.get $k))))
        ;; round 14 (no MixColumns), then the chaining xor
        (local.set $c0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.xor
                  (i32.and (i32.load offset=2048 (i32.and (i32.shl (local.get $t0) (i32.const 2)) (i32.const 0x3fc))) (i32.const 0x000000ff))
                  (i32.and (i32.load offset=3072 (i32.and (i32.shr_u (local.get $t1) (i32.const 6)) (i32.const 0x3fc))) (i32.const 0x0000ff00)))
                (i32.xor
                  (i32.and (i32.load offset=0 (i32.and (i32.shr_u (local.get $t2) (i32.const 14)) (i32.const 0x3fc))) (i32.const 0x00ff0000))
                  (i32.and (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t3) (i32.const 22)) (i32.const 0x3fc))) (i32.const 0xff000000))))
              (i32.load offset=8672 (i32.const 0)))
            (local.get $x0)))
        (local.set $c1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.xor
                  (i32.and (i32.load offset=2048 (i32.and (i32.shl (local.get $t1) (i32.const 2)) (i32.const 0x3fc))) (i32.const 0x000000ff))
                  (i32.and (i32.load offset=3072 (i32.and (i32.shr_u (local.get $t2) (i32.const 6)) (i32.const 0x3fc))) (i32.const 0x0000ff00)))
                (i32.xor
                  (i32.and (i32.load offset=0 (i32.and (i32.shr_u (local.get $t3) (i32.const 14)) (i32.const 0x3fc))) (i32.const 0x00ff0000))
                  (i32.and (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t0) (i32.const 22)) (i32.const 0x3fc))) (i32.const 0xff000000))))
              (i32.load offset=8676 (i32.const 0)))
            (local.get $x1)))
        (local.set $c2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.xor
                  (i32.and (i32.load offset=2048 (i32.and (i32.shl (local.get $t2) (i32.const 2)) (i32.const 0x3fc))) (i32.const 0x000000ff))
                  (i32.and (i32.load offset=3072 (i32.and (i32.shr_u (local.get $t3) (i32.const 6)) (i32.const 0x3fc))) (i32.const 0x0000ff00)))
                (i32.xor
                  (i32.and (i32.load offset=0 (i32.and (i32.shr_u (local.get $t0) (i32.const 14)) (i32.const 0x3fc))) (i32.const 0x00ff0000))
                  (i32.and (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t1) (i32.const 22)) (i32.const 0x3fc))) (i32.const 0xff000000))))
              (i32.load offset=8680 (i32.const 0)))
            (local.get $x2)))
        (local.set $c3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.xor
                  (i32.and (i32.load offset=2048 (i32.and (i32.shl (local.get $t3) (i32.const 2)) (i32.const 0x3fc))) (i32.const 0x000000ff))
                  (i32.and (i32.load offset=3072 (i32.and (i32.shr_u (local.get $t0) (i32.const 6)) (i32.const 0x3fc))) (i32.const 0x0000ff00)))
                (i32.xor
                  (i32.and (i32.load offset=0 (i32.and (i32.shr_u (local.get $t1) (i32.const 14)) (i32.const 0x3fc))) (i32.const 0x00ff0000))
                  (i32.and (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t2) (i32.const 22)) (i32.const 0x3fc))) (i32.const 0xff000000))))
              (i32.load offset=8684 (i32.const 0)))
            (local.get $x3)))
        (i32.store offset=0 (local.get $p) (local.get $c0))
        (i32.store offset=4 (local.get $p) (local.get $c1))
        (i32.store offset=8 (local.get $p) (local.get $c2))
        (i32.store offset=12 (local.get $p) (local.get $c3))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    ;; leave the chaining state as the iv of a following chunk
    (i32.store offset=8704 (i32.const 0) (local.get $c0))
    (i32.store offset=8708 (i32.const 0) (local.get $c1))
    (i32.store offset=8712 (i32.const 0) (local.get $c2))
    (i32.store offset=8716 (i32.const 0) (local.get $c3))
    (i32.store offset=8720 (i32.const 0) (local.get $q0))
    (i32.store offset=8724 (i32.const 0) (local.get $q1))
    (i32.store offset=8728 (i32.const 0) (local.get $q2))
    (i32.store offset=8732 (i32.const 0) (local.get $q3)))

  ;; AES-256-IGE decryption of `len` bytes at DATA, in place.
  ;; The round keys (equivalent inverse schedule) are at RK, the iv at IV.
  (func (export "decrypt") (param $len i32)
    (local $p i32) (local $end i32) (local $k i32) (local $r i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32)
    (local $n0 i32) (local $n1 i32) (local $n2 i32) (local $n3 i32)
    (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $t0 i32) (local $t1 i32) (local $t2 i32) (local $t3 i32)
    ;; c = previous ciphertext block, q = previous plaintext block
    (local.set $c0 (i32.load offset=8704 (i32.const 0)))
    (local.set $c1 (i32.load offset=8708 (i32.const 0)))
    (local.set $c2 (i32.load offset=8712 (i32.const 0)))
    (local.set $c3 (i32.load offset=8716 (i32.const 0)))
    (local.set $q0 (i32.load offset=8720 (i32.const 0)))
    (local.set $q1 (i32.load offset=8724 (i32.const 0)))
    (local.set $q2 (i32.load offset=8728 (i32.const 0)))
    (local.set $q3 (i32.load offset=8732 (i32.const 0)))
    (local.set $p (global.get $DATA))
    (local.set $end (i32.add (global.get $DATA) (local.get $len)))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $n0 (i32.load offset=0 (local.get $p)))
        (local.set $n1 (i32.load offset=4 (local.get $p)))
        (local.set $n2 (i32.load offset=8 (local.get $p)))
        (local.set $n3 (i32.load offset=12 (local.get $p)))
        (local.set $s0 (i32.xor (i32.xor (local.get $n0) (local.get $q0)) (i32.load offset=8448 (i32.const 0))))
        (local.set $s1 (i32.xor (i32.xor (local.get $n1) (local.get $q1)) (i32.load offset=8452 (i32.const 0))))
        (local.set $s2 (i32.xor (i32.xor (local.get $n2) (local.get $q2)) (i32.load offset=8456 (i32.const 0))))
        (local.set $s3 (i32.xor (i32.xor (local.get $n3) (local.get $q3)) (i32.load offset=8460 (i32.const 0))))
        ;; the chaining value applied after the cipher, kept before it is overwritten
        (local.set $x0 (local.get $c0))
        (local.set $x1 (local.get $c1))
        (local.set $x2 (local.get $c2))
        (local.set $x3 (local.get $c3))
        (local.set $c0 (local.get $n0))
        (local.set $c1 (local.get $n1))
        (local.set $c2 (local.get $n2))
        (local.set $c3 (local.get $n3))
        ;; rounds 1..12, two per iteration; $k is the byte offset of the round key
        (local.set $k (i32.const 16))
        (local.set $r (i32.const 6))
        (loop $rounds
        ;; s -> t
          (local.set $t0
            (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (i32.shl (local.get $s0) (i32.const 2)) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s3) (i32.const 6)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s2) (i32.const 14)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.shr_u (local.get $s1) (i32.const 22)) (i32.const 0x3fc)))))
            (i32.load offset=8448 (local.get $k))))
          (local.set $t1
            (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (i32.shl (local.get $s1) (i32.const 2)) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s0) (i32.const 6)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s3) (i32.const 14)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.shr_u (local.get $s2) (i32.const 22)) (i32.const 0x3fc)))))
            (i32.load offset=8452 (local.get $k))))
          (local.set $t2
            (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (i32.shl (local.get $s2) (i32.const 2)) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s1) (i32.const 6)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s0) (i32.const 14)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.shr_u (local.get $s3) (i32.const 22)) (i32.const 0x3fc)))))
            (i32.load offset=8456 (local.get $k))))
          (local.set $t3
            (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (i32.shl (local.get $s3) (i32.const 2)) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s2) (i32.const 6)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s1) (i32.const 14)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.shr_u (local.get $s0) (i32.const 22)) (i32.const 0x3fc)))))
            (i32.load offset=8460 (local.get $k))))
        ;; t -> s
          (local.set $s0
            (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (i32.shl (local.get $t0) (i32.const 2)) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t3) (i32.const 6)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t2) (i32.const 14)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.shr_u (local.get $t1) (i32.const 22)) (i32.const 0x3fc)))))
            (i32.load offset=8464 (local.get $k))))
          (local.set $s1
            (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (i32.shl (local.get $t1) (i32.const 2)) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t0) (i32.const 6)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t3) (i32.const 14)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.shr_u (local.get $t2) (i32.const 22)) (i32.const 0x3fc)))))
            (i32.load offset=8468 (local.get $k))))
          (local.set $s2
            (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (i32.shl (local.get $t2) (i32.const 2)) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t1) (i32.const 6)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t0) (i32.const 14)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.shr_u (local.get $t3) (i32.const 22)) (i32.const 0x3fc)))))
            (i32.load offset=8472 (local.get $k))))
          (local.set $s3
            (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (i32.shl (local.get $t3) (i32.const 2)) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t2) (i32.const 6)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t1) (i32.const 14)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.shr_u (local.get $t0) (i32.const 22)) (i32.const 0x3fc)))))
            (i32.load offset=8476 (local.get $k))))
          (local.set $k (i32.add (local.get $k) (i32.const 32)))
          (br_if $rounds (local.tee $r (i32.sub (local.get $r) (i32.const 1)))))
        ;; round 13
        (local.set $t0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (i32.shl (local.get $s0) (i32.const 2)) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s3) (i32.const 6)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s2) (i32.const 14)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.shr_u (local.get $s1) (i32.const 22)) (i32.const 0x3fc)))))
          (i32.load offset=8448 (local.get $k))))
        (local.set $t1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (i32.shl (local.get $s1) (i32.const 2)) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s0) (i32.const 6)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s3) (i32.const 14)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.shr_u (local.get $s2) (i32.const 22)) (i32.const 0x3fc)))))
          (i32.load offset=8452 (local.get $k))))
        (local.set $t2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (i32.shl (local.get $s2) (i32.const 2)) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s1) (i32.const 6)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s0) (i32.const 14)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.shr_u (local.get $s3) (i32.const 22)) (i32.const 0x3fc)))))
          (i32.load offset=8456 (local.get $k))))
        (local.set $t3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (i32.shl (local.get $s3) (i32.const 2)) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s2) (i32.const 6)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s1) (i32.const 14)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.shr_u (local.get $s0) (i32.const 22)) (i32.const 0x3fc)))))
          (i32.load offset=8460 (local.get $k))))
        ;; round 14 (no MixColumns), then the chaining xor
        (local.set $q0
          (i32.xor
            (i32.xor
              (i32.or
                (i32.or
                  (i32.load8_u offset=8192 (i32.and (local.get $t0) (i32.const 0xff)))
                  (i32.shl (i32.load8_u offset=8192 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0xff))) (i32.const 8)))
                (i32.or
                  (i32.shl (i32.load8_u offset=8192 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0xff))) (i32.const 16))
                  (i32.shl (i32.load8_u offset=8192 (i32.shr_u (local.get $t1) (i32.const 24))) (i32.const 24))))
              (i32.load offset=8672 (i32.const 0)))
            (local.get $x0)))
        (local.set $q1
          (i32.xor
            (i32.xor
              (i32.or
                (i32.or
                  (i32.load8_u offset=8192 (i32.and (local.get $t1) (i32.const 0xff)))
                  (i32.shl (i32.load8_u offset=8192 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0xff))) (i32.const 8)))
                (i32.or
                  (i32.shl (i32.load8_u offset=8192 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0xff))) (i32.const 16))
                  (i32.shl (i32.load8_u offset=8192 (i32.shr_u (local.get $t2) (i32.const 24))) (i32.const 24))))
              (i32.load offset=8676 (i32.const 0)))
            (local.get $x1)))
        (local.set $q2
          (i32.xor
            (i32.xor
              (i32.or
                (i32.or
                  (i32.load8_u offset=8192 (i32.and (local.get $t2) (i32.const 0xff)))
                  (i32.shl (i32.load8_u offset=8192 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0xff))) (i32.const 8)))
                (i32.or
                  (i32.shl (i32.load8_u offset=8192 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0xff))) (i32.const 16))
                  (i32.shl (i32.load8_u offset=8192 (i32.shr_u (local.get $t3) (i32.const 24))) (i32.const 24))))
              (i32.load offset=8680 (i32.const 0)))
            (local.get $x2)))
        (local.set $q3
          (i32.xor
            (i32.xor
              (i32.or
                (i32.or
                  (i32.load8_u offset=8192 (i32.and (local.get $t3) (i32.const 0xff)))
                  (i32.shl (i32.load8_u offset=8192 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0xff))) (i32.const 8)))
                (i32.or
                  (i32.shl (i32.load8_u offset=8192 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0xff))) (i32.const 16))
                  (i32.shl (i32.load8_u offset=8192 (i32.shr_u (local.get $t0) (i32.const 24))) (i32.const 24))))
              (i32.load offset=8684 (i32.const 0)))
            (local.get $x3)))
        (i32.store offset=0 (local.get $p) (local.get $q0))
        (i32.store offset=4 (local.get $p) (local.get $q1))
        (i32.store offset=8 (local.get $p) (local.get $q2))
        (i32.store offset=12 (local.get $p) (local.get $q3))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    ;; leave the chaining state as the iv of a following chunk
    (i32.store offset=8704 (i32.const 0) (local.get $c0))
    (i32.store offset=8708 (i32.const 0) (local.get $c1))
    (i32.store offset=8712 (i32.const 0) (local.get $c2))
    (i32.store offset=8716 (i32.const 0) (local.get $c3))
    (i32.store offset=8720 (i32.const 0) (local.get $q0))
    (i32.store offset=8724 (i32.const 0) (local.get $q1))
    (i32.store offset=8728 (i32.const 0) (local.get $q2))
    (i32.store offset=8732 (i32.const 0) (local.get $q3))))
