;; AES-256-IGE kernel in WebAssembly text format. Compiled by
;; scripts/build_wasm.ts (wabt) into crypto/aes_ige_wasm_bytes.ts; the host side
;; is crypto/aes_ige_wasm.ts, which writes the tables and round keys.
;;
;; T-table AES with every round unrolled (IGE is sequential, so the only speed
;; available is fewer instructions per round):
;; - Words are little-endian: a word's lowest byte is the first byte of its
;;   column in memory, so blocks are loaded and stored without byte swaps.
;; - Inside the cipher every state word, T-table entry and round key (rounds
;;   0..13) is rotated left by 2 bits. Byte k of a word then sits at bits
;;   8k+2..8k+9, so the table offset 4*byte costs one `and` for byte 0 and a
;;   shift (or rotate) plus an `and` for the others, instead of two ops each.
;; - The last round reads F tables, F_k[x] = S(x) << 8k (S or inverse S), which
;;   give the output word unrotated; round key 14 is stored unrotated.
;;
;; Memory layout (bytes):
;;   0      TE0..TE3  encryption T-tables, 4 x 256 x u32 (rotated)
;;   4096   TD0..TD3  decryption T-tables, 4 x 256 x u32 (rotated)
;;   8192   FE0..FE3  S-box placed in byte k, 4 x 256 x u32
;;   12288  FD0..FD3  inverse S-box placed in byte k, 4 x 256 x u32
;;   16384  RK        15 round keys, 240 bytes (written by the host for each call)
;;   16640  IV        32 bytes: previous ciphertext block, previous plaintext block;
;;                    updated at the end of a call, so long inputs can go in chunks
;;   32768  DATA      the data, processed in place; the host grows memory to fit
(module
  (memory (export "memory") 1)
  ;; AES-256-IGE encryption of `len` bytes at DATA, in place, with the
  ;; encryption round keys at RK and the iv at IV.
  (func (export "encrypt") (param $len i32)
    (local $p i32) (local $end i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32)
    (local $n0 i32) (local $n1 i32) (local $n2 i32) (local $n3 i32)
    (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $t0 i32) (local $t1 i32) (local $t2 i32) (local $t3 i32)
    ;; c = previous ciphertext block, q = previous plaintext block
    (local.set $c0 (i32.load offset=16640 (i32.const 0)))
    (local.set $c1 (i32.load offset=16644 (i32.const 0)))
    (local.set $c2 (i32.load offset=16648 (i32.const 0)))
    (local.set $c3 (i32.load offset=16652 (i32.const 0)))
    (local.set $q0 (i32.load offset=16656 (i32.const 0)))
    (local.set $q1 (i32.load offset=16660 (i32.const 0)))
    (local.set $q2 (i32.load offset=16664 (i32.const 0)))
    (local.set $q3 (i32.load offset=16668 (i32.const 0)))
    (local.set $p (i32.const 32768))
    (local.set $end (i32.add (i32.const 32768) (local.get $len)))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $n0 (i32.load offset=0 (local.get $p)))
        (local.set $n1 (i32.load offset=4 (local.get $p)))
        (local.set $n2 (i32.load offset=8 (local.get $p)))
        (local.set $n3 (i32.load offset=12 (local.get $p)))
        ;; round 0; from here on the state words are rotated left by 2 bits
        (local.set $s0
          (i32.xor
            (i32.rotl (i32.xor (local.get $n0) (local.get $c0)) (i32.const 2))
            (i32.load offset=16384 (i32.const 0))))
        (local.set $s1
          (i32.xor
            (i32.rotl (i32.xor (local.get $n1) (local.get $c1)) (i32.const 2))
            (i32.load offset=16388 (i32.const 0))))
        (local.set $s2
          (i32.xor
            (i32.rotl (i32.xor (local.get $n2) (local.get $c2)) (i32.const 2))
            (i32.load offset=16392 (i32.const 0))))
        (local.set $s3
          (i32.xor
            (i32.rotl (i32.xor (local.get $n3) (local.get $c3)) (i32.const 2))
            (i32.load offset=16396 (i32.const 0))))
        ;; the chaining value xored after the cipher
        (local.set $x0 (local.get $q0))
        (local.set $x1 (local.get $q1))
        (local.set $x2 (local.get $q2))
        (local.set $x3 (local.get $q3))
        (local.set $q0 (local.get $n0))
        (local.set $q1 (local.get $n1))
        (local.set $q2 (local.get $n2))
        (local.set $q3 (local.get $n3))
        ;; round 1
        (local.set $t0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s0) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16400 (i32.const 0))))
        (local.set $t1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s1) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16404 (i32.const 0))))
        (local.set $t2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s2) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16408 (i32.const 0))))
        (local.set $t3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s3) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16412 (i32.const 0))))
        ;; round 2
        (local.set $s0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t0) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16416 (i32.const 0))))
        (local.set $s1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t1) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16420 (i32.const 0))))
        (local.set $s2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t2) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16424 (i32.const 0))))
        (local.set $s3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t3) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16428 (i32.const 0))))
        ;; round 3
        (local.set $t0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s0) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16432 (i32.const 0))))
        (local.set $t1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s1) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16436 (i32.const 0))))
        (local.set $t2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s2) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16440 (i32.const 0))))
        (local.set $t3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s3) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16444 (i32.const 0))))
        ;; round 4
        (local.set $s0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t0) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16448 (i32.const 0))))
        (local.set $s1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t1) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16452 (i32.const 0))))
        (local.set $s2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t2) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16456 (i32.const 0))))
        (local.set $s3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t3) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16460 (i32.const 0))))
        ;; round 5
        (local.set $t0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s0) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16464 (i32.const 0))))
        (local.set $t1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s1) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16468 (i32.const 0))))
        (local.set $t2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s2) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16472 (i32.const 0))))
        (local.set $t3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s3) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16476 (i32.const 0))))
        ;; round 6
        (local.set $s0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t0) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16480 (i32.const 0))))
        (local.set $s1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t1) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16484 (i32.const 0))))
        (local.set $s2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t2) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16488 (i32.const 0))))
        (local.set $s3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t3) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16492 (i32.const 0))))
        ;; round 7
        (local.set $t0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s0) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16496 (i32.const 0))))
        (local.set $t1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s1) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16500 (i32.const 0))))
        (local.set $t2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s2) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16504 (i32.const 0))))
        (local.set $t3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s3) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16508 (i32.const 0))))
        ;; round 8
        (local.set $s0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t0) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16512 (i32.const 0))))
        (local.set $s1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t1) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16516 (i32.const 0))))
        (local.set $s2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t2) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16520 (i32.const 0))))
        (local.set $s3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t3) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16524 (i32.const 0))))
        ;; round 9
        (local.set $t0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s0) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16528 (i32.const 0))))
        (local.set $t1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s1) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16532 (i32.const 0))))
        (local.set $t2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s2) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16536 (i32.const 0))))
        (local.set $t3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s3) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16540 (i32.const 0))))
        ;; round 10
        (local.set $s0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t0) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16544 (i32.const 0))))
        (local.set $s1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t1) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16548 (i32.const 0))))
        (local.set $s2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t2) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16552 (i32.const 0))))
        (local.set $s3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t3) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16556 (i32.const 0))))
        ;; round 11
        (local.set $t0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s0) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16560 (i32.const 0))))
        (local.set $t1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s1) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16564 (i32.const 0))))
        (local.set $t2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s2) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16568 (i32.const 0))))
        (local.set $t3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s3) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16572 (i32.const 0))))
        ;; round 12
        (local.set $s0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t0) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16576 (i32.const 0))))
        (local.set $s1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t1) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16580 (i32.const 0))))
        (local.set $s2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t2) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16584 (i32.const 0))))
        (local.set $s3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $t3) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16588 (i32.const 0))))
        ;; round 13
        (local.set $t0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s0) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16592 (i32.const 0))))
        (local.set $t1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s1) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16596 (i32.const 0))))
        (local.set $t2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s2) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16600 (i32.const 0))))
        (local.set $t3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=0 (i32.and (local.get $s3) (i32.const 0x3fc)))
              (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=3072 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16604 (i32.const 0))))
        ;; round 14: S-box only, then the chaining xor
        (local.set $c0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=8192 (i32.and (local.get $t0) (i32.const 0x3fc)))
              (i32.load offset=9216 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=10240 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=11264 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.xor (i32.load offset=16608 (i32.const 0)) (local.get $x0))))
        (local.set $c1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=8192 (i32.and (local.get $t1) (i32.const 0x3fc)))
              (i32.load offset=9216 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=10240 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=11264 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.xor (i32.load offset=16612 (i32.const 0)) (local.get $x1))))
        (local.set $c2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=8192 (i32.and (local.get $t2) (i32.const 0x3fc)))
              (i32.load offset=9216 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=10240 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=11264 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.xor (i32.load offset=16616 (i32.const 0)) (local.get $x2))))
        (local.set $c3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=8192 (i32.and (local.get $t3) (i32.const 0x3fc)))
              (i32.load offset=9216 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=10240 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=11264 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.xor (i32.load offset=16620 (i32.const 0)) (local.get $x3))))
        (i32.store offset=0 (local.get $p) (local.get $c0))
        (i32.store offset=4 (local.get $p) (local.get $c1))
        (i32.store offset=8 (local.get $p) (local.get $c2))
        (i32.store offset=12 (local.get $p) (local.get $c3))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    ;; leave the chaining state as the iv of a following chunk
    (i32.store offset=16640 (i32.const 0) (local.get $c0))
    (i32.store offset=16644 (i32.const 0) (local.get $c1))
    (i32.store offset=16648 (i32.const 0) (local.get $c2))
    (i32.store offset=16652 (i32.const 0) (local.get $c3))
    (i32.store offset=16656 (i32.const 0) (local.get $q0))
    (i32.store offset=16660 (i32.const 0) (local.get $q1))
    (i32.store offset=16664 (i32.const 0) (local.get $q2))
    (i32.store offset=16668 (i32.const 0) (local.get $q3)))

  ;; AES-256-IGE decryption of `len` bytes at DATA, in place, with the
  ;; equivalent inverse cipher round keys at RK and the iv at IV.
  (func (export "decrypt") (param $len i32)
    (local $p i32) (local $end i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32)
    (local $n0 i32) (local $n1 i32) (local $n2 i32) (local $n3 i32)
    (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $t0 i32) (local $t1 i32) (local $t2 i32) (local $t3 i32)
    ;; c = previous ciphertext block, q = previous plaintext block
    (local.set $c0 (i32.load offset=16640 (i32.const 0)))
    (local.set $c1 (i32.load offset=16644 (i32.const 0)))
    (local.set $c2 (i32.load offset=16648 (i32.const 0)))
    (local.set $c3 (i32.load offset=16652 (i32.const 0)))
    (local.set $q0 (i32.load offset=16656 (i32.const 0)))
    (local.set $q1 (i32.load offset=16660 (i32.const 0)))
    (local.set $q2 (i32.load offset=16664 (i32.const 0)))
    (local.set $q3 (i32.load offset=16668 (i32.const 0)))
    (local.set $p (i32.const 32768))
    (local.set $end (i32.add (i32.const 32768) (local.get $len)))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $n0 (i32.load offset=0 (local.get $p)))
        (local.set $n1 (i32.load offset=4 (local.get $p)))
        (local.set $n2 (i32.load offset=8 (local.get $p)))
        (local.set $n3 (i32.load offset=12 (local.get $p)))
        ;; round 0; from here on the state words are rotated left by 2 bits
        (local.set $s0
          (i32.xor
            (i32.rotl (i32.xor (local.get $n0) (local.get $q0)) (i32.const 2))
            (i32.load offset=16384 (i32.const 0))))
        (local.set $s1
          (i32.xor
            (i32.rotl (i32.xor (local.get $n1) (local.get $q1)) (i32.const 2))
            (i32.load offset=16388 (i32.const 0))))
        (local.set $s2
          (i32.xor
            (i32.rotl (i32.xor (local.get $n2) (local.get $q2)) (i32.const 2))
            (i32.load offset=16392 (i32.const 0))))
        (local.set $s3
          (i32.xor
            (i32.rotl (i32.xor (local.get $n3) (local.get $q3)) (i32.const 2))
            (i32.load offset=16396 (i32.const 0))))
        ;; the chaining value xored after the cipher
        (local.set $x0 (local.get $c0))
        (local.set $x1 (local.get $c1))
        (local.set $x2 (local.get $c2))
        (local.set $x3 (local.get $c3))
        (local.set $c0 (local.get $n0))
        (local.set $c1 (local.get $n1))
        (local.set $c2 (local.get $n2))
        (local.set $c3 (local.get $n3))
        ;; round 1
        (local.set $t0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s0) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16400 (i32.const 0))))
        (local.set $t1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s1) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16404 (i32.const 0))))
        (local.set $t2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s2) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16408 (i32.const 0))))
        (local.set $t3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s3) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16412 (i32.const 0))))
        ;; round 2
        (local.set $s0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t0) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16416 (i32.const 0))))
        (local.set $s1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t1) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16420 (i32.const 0))))
        (local.set $s2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t2) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16424 (i32.const 0))))
        (local.set $s3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t3) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16428 (i32.const 0))))
        ;; round 3
        (local.set $t0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s0) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16432 (i32.const 0))))
        (local.set $t1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s1) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16436 (i32.const 0))))
        (local.set $t2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s2) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16440 (i32.const 0))))
        (local.set $t3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s3) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16444 (i32.const 0))))
        ;; round 4
        (local.set $s0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t0) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16448 (i32.const 0))))
        (local.set $s1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t1) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16452 (i32.const 0))))
        (local.set $s2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t2) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16456 (i32.const 0))))
        (local.set $s3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t3) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16460 (i32.const 0))))
        ;; round 5
        (local.set $t0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s0) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16464 (i32.const 0))))
        (local.set $t1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s1) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16468 (i32.const 0))))
        (local.set $t2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s2) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16472 (i32.const 0))))
        (local.set $t3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s3) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16476 (i32.const 0))))
        ;; round 6
        (local.set $s0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t0) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16480 (i32.const 0))))
        (local.set $s1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t1) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16484 (i32.const 0))))
        (local.set $s2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t2) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16488 (i32.const 0))))
        (local.set $s3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t3) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16492 (i32.const 0))))
        ;; round 7
        (local.set $t0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s0) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16496 (i32.const 0))))
        (local.set $t1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s1) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16500 (i32.const 0))))
        (local.set $t2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s2) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16504 (i32.const 0))))
        (local.set $t3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s3) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16508 (i32.const 0))))
        ;; round 8
        (local.set $s0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t0) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16512 (i32.const 0))))
        (local.set $s1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t1) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16516 (i32.const 0))))
        (local.set $s2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t2) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16520 (i32.const 0))))
        (local.set $s3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t3) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16524 (i32.const 0))))
        ;; round 9
        (local.set $t0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s0) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16528 (i32.const 0))))
        (local.set $t1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s1) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16532 (i32.const 0))))
        (local.set $t2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s2) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16536 (i32.const 0))))
        (local.set $t3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s3) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16540 (i32.const 0))))
        ;; round 10
        (local.set $s0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t0) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16544 (i32.const 0))))
        (local.set $s1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t1) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16548 (i32.const 0))))
        (local.set $s2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t2) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16552 (i32.const 0))))
        (local.set $s3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t3) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16556 (i32.const 0))))
        ;; round 11
        (local.set $t0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s0) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16560 (i32.const 0))))
        (local.set $t1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s1) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16564 (i32.const 0))))
        (local.set $t2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s2) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16568 (i32.const 0))))
        (local.set $t3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s3) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16572 (i32.const 0))))
        ;; round 12
        (local.set $s0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t0) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16576 (i32.const 0))))
        (local.set $s1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t1) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16580 (i32.const 0))))
        (local.set $s2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t2) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16584 (i32.const 0))))
        (local.set $s3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $t3) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16588 (i32.const 0))))
        ;; round 13
        (local.set $t0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s0) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16592 (i32.const 0))))
        (local.set $t1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s1) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16596 (i32.const 0))))
        (local.set $t2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s2) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16600 (i32.const 0))))
        (local.set $t3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=4096 (i32.and (local.get $s3) (i32.const 0x3fc)))
              (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=7168 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16604 (i32.const 0))))
        ;; round 14: S-box only, then the chaining xor
        (local.set $q0
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=12288 (i32.and (local.get $t0) (i32.const 0x3fc)))
              (i32.load offset=13312 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=14336 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=15360 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.xor (i32.load offset=16608 (i32.const 0)) (local.get $x0))))
        (local.set $q1
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=12288 (i32.and (local.get $t1) (i32.const 0x3fc)))
              (i32.load offset=13312 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=14336 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=15360 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.xor (i32.load offset=16612 (i32.const 0)) (local.get $x1))))
        (local.set $q2
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=12288 (i32.and (local.get $t2) (i32.const 0x3fc)))
              (i32.load offset=13312 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=14336 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=15360 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.xor (i32.load offset=16616 (i32.const 0)) (local.get $x2))))
        (local.set $q3
          (i32.xor
          (i32.xor
            (i32.xor
              (i32.load offset=12288 (i32.and (local.get $t3) (i32.const 0x3fc)))
              (i32.load offset=13312 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
            (i32.xor
              (i32.load offset=14336 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
              (i32.load offset=15360 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.xor (i32.load offset=16620 (i32.const 0)) (local.get $x3))))
        (i32.store offset=0 (local.get $p) (local.get $q0))
        (i32.store offset=4 (local.get $p) (local.get $q1))
        (i32.store offset=8 (local.get $p) (local.get $q2))
        (i32.store offset=12 (local.get $p) (local.get $q3))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    ;; leave the chaining state as the iv of a following chunk
    (i32.store offset=16640 (i32.const 0) (local.get $c0))
    (i32.store offset=16644 (i32.const 0) (local.get $c1))
    (i32.store offset=16648 (i32.const 0) (local.get $c2))
    (i32.store offset=16652 (i32.const 0) (local.get $c3))
    (i32.store offset=16656 (i32.const 0) (local.get $q0))
    (i32.store offset=16660 (i32.const 0) (local.get $q1))
    (i32.store offset=16664 (i32.const 0) (local.get $q2))
    (i32.store offset=16668 (i32.const 0) (local.get $q3))))
