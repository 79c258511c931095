;; AES-256-IGE kernel in WebAssembly text format. Compiled by
;; scripts/build_wasm.ts (wabt) into crypto/aes_ige_wasm_bytes.ts; the host side
;; is crypto/aes_ige_wasm.ts, which writes the tables, round keys, iv and data.
;;
;; T-table AES with every round unrolled (IGE is sequential, so the only speed
;; available is fewer instructions per block):
;; - Words are little-endian: a word's lowest byte is the first byte of its
;;   column in memory, so blocks are loaded and stored without byte swaps.
;; - Inside the cipher every state word, T-table entry and round key (rounds
;;   0..13) is rotated left by 2 bits. Byte k of a word then sits at bits
;;   8k+2..8k+9, so the table offset 4*byte costs one `and` for byte 0 and a
;;   shift (or rotate) plus an `and` for the others.
;; - The last round reads F tables, F_k[x] = S(x) << 8k (S or inverse S), which
;;   give the output word unrotated; round key 14 is stored unrotated.
;; - Input and output are separate regions, each preceded by one iv block, so
;;   the IGE chaining values are re-read from memory (L1-hot) instead of being
;;   held in locals: fewer live values, no register spills in the rounds.
;;   Encryption and decryption have the same shape:
;;     out[i] = Cipher(in[i] ^ out[i-1]) ^ in[i-1]
;;   with in[-1], out[-1] = iv2, iv1 (encryption) or iv1, iv2 (decryption).
;;
;; Memory layout (bytes):
;;   0      TE0..TE3  encryption T-tables, 4 x 256 x u32 (rotated)
;;   4096   TD0..TD3  decryption T-tables, 4 x 256 x u32 (rotated)
;;   8192   FE0..FE3  S-box placed in byte k, 4 x 256 x u32
;;   12288  FD0..FD3  inverse S-box placed in byte k, 4 x 256 x u32
;;   16384  RK        15 round keys, 240 bytes (set_encrypt_key / set_decrypt_key)
;;   16640  KEY       the 32-byte key, written by the host
;;   16672  SCHED     the plain key schedule, 240 bytes (scratch)
;;   32752  in[-1], then IN = 32768: up to 65536 input bytes
;;   98304  out[-1], then OUT = 98320: up to 65536 output bytes
(module
  (memory (export "memory") 3)
  ;; SubWord: the S-box on each byte of a plain little-endian word
  (func $sub_word (param $v i32) (result i32)
    (i32.or
      (i32.or
        (i32.load offset=8192 (i32.and (i32.shl (local.get $v) (i32.const 2)) (i32.const 0x3fc)))
        (i32.load offset=9216 (i32.and (i32.shr_u (local.get $v) (i32.const 6)) (i32.const 0x3fc))))
      (i32.or
        (i32.load offset=10240 (i32.and (i32.shr_u (local.get $v) (i32.const 14)) (i32.const 0x3fc)))
        (i32.load offset=11264 (i32.and (i32.shr_u (local.get $v) (i32.const 22)) (i32.const 0x3fc))))))

  ;; InvMixColumns of a plain word, returned rotated: TD_k[S(b_k)] undoes the
  ;; S-box the decryption tables include.
  (func $inv_mix_columns (param $v i32) (result i32)
    (i32.xor
      (i32.xor
        (i32.load offset=4096 (i32.shl (i32.load offset=8192 (i32.and (i32.shl (local.get $v) (i32.const 2)) (i32.const 0x3fc))) (i32.const 2)))
        (i32.load offset=5120 (i32.shl (i32.load offset=8192 (i32.and (i32.shr_u (local.get $v) (i32.const 6)) (i32.const 0x3fc))) (i32.const 2))))
      (i32.xor
        (i32.load offset=6144 (i32.shl (i32.load offset=8192 (i32.and (i32.shr_u (local.get $v) (i32.const 14)) (i32.const 0x3fc))) (i32.const 2)))
        (i32.load offset=7168 (i32.shl (i32.load offset=8192 (i32.and (i32.shr_u (local.get $v) (i32.const 22)) (i32.const 0x3fc))) (i32.const 2))))))

  ;; The AES-256 key schedule of the key at KEY, as 60 plain words at SCHED.
  (func $expand_key
    (local $i i32) (local $t i32) (local $rcon i32)
    (memory.copy (i32.const 16672) (i32.const 16640) (i32.const 32))
    (local.set $i (i32.const 32))
    (local.set $rcon (i32.const 1))
    (loop $words
      (local.set $t (i32.load offset=16668 (local.get $i)))
      (if (i32.eqz (i32.and (local.get $i) (i32.const 31)))
        (then
          ;; RotWord moves the first byte last: a right rotation of a little-endian word
          (local.set $t
            (i32.xor (call $sub_word (i32.rotr (local.get $t) (i32.const 8))) (local.get $rcon)))
          (local.set $rcon (i32.shl (local.get $rcon) (i32.const 1))))
        (else
          (if (i32.eq (i32.and (local.get $i) (i32.const 31)) (i32.const 16))
            (then (local.set $t (call $sub_word (local.get $t)))))))
      (i32.store offset=16672 (local.get $i)
        (i32.xor (i32.load offset=16640 (local.get $i)) (local.get $t)))
      (br_if $words (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 240)))))

  ;; Round keys for encryption at RK: rounds 0..13 rotated, round 14 plain.
  (func (export "set_encrypt_key")
    (local $i i32)
    (call $expand_key)
    (loop $words
      (i32.store offset=16384 (local.get $i)
        (i32.rotl (i32.load offset=16672 (local.get $i)) (i32.const 2)))
      (br_if $words (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 224))))
    (memory.copy (i32.const 16608) (i32.const 16896) (i32.const 16)))

  ;; Round keys of the equivalent inverse cipher at RK: encryption round keys
  ;; in reverse order, InvMixColumns on rounds 1..13; round 0 rotated, round 14 plain.
  (func (export "set_decrypt_key")
    (local $i i32) (local $from i32)
    (call $expand_key)
    (loop $words
      (i32.store offset=16384 (local.get $i)
        (i32.rotl (i32.load offset=16896 (local.get $i)) (i32.const 2)))
      (br_if $words (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 16))))
    ;; $i walks decryption rounds 1..13 forward, $from the encryption rounds 13..1 backward
    (local.set $from (i32.const 208))
    (loop $rounds
      (i32.store offset=16384 (local.get $i) (call $inv_mix_columns (i32.load offset=16672 (local.get $from))))
      (i32.store offset=16388 (local.get $i) (call $inv_mix_columns (i32.load offset=16676 (local.get $from))))
      (i32.store offset=16392 (local.get $i) (call $inv_mix_columns (i32.load offset=16680 (local.get $from))))
      (i32.store offset=16396 (local.get $i) (call $inv_mix_columns (i32.load offset=16684 (local.get $from))))
      (local.set $from (i32.sub (local.get $from) (i32.const 16)))
      (br_if $rounds (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 16))) (i32.const 224))))
    (memory.copy (i32.const 16608) (i32.const 16672) (i32.const 16)))

  ;; AES-256-IGE encryption of `len` bytes (at most 65536) from IN to OUT with
  ;; the encryption round keys at RK; the iv halves are the blocks at
  ;; IN - 16 (previous plaintext) and OUT - 16 (previous ciphertext).
  (func (export "encrypt") (param $len i32)
    ;; $p points at the previous input block; $p + 65552 at the previous output block
    (local $p i32) (local $last i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $t0 i32) (local $t1 i32) (local $t2 i32) (local $t3 i32)
    (local.set $p (i32.const 32752))
    (local.set $last (i32.add (i32.const 32752) (local.get $len)))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $last)))
        ;; round 0 on (input block ^ previous output block); from here on the
        ;; state words are rotated left by 2 bits
        (local.set $s0
          (i32.xor
            (i32.rotl
              (i32.xor (i32.load offset=16 (local.get $p)) (i32.load offset=65552 (local.get $p)))
              (i32.const 2))
            (i32.load offset=16384 (i32.const 0))))
        (local.set $s1
          (i32.xor
            (i32.rotl
              (i32.xor (i32.load offset=20 (local.get $p)) (i32.load offset=65556 (local.get $p)))
              (i32.const 2))
            (i32.load offset=16388 (i32.const 0))))
        (local.set $s2
          (i32.xor
            (i32.rotl
              (i32.xor (i32.load offset=24 (local.get $p)) (i32.load offset=65560 (local.get $p)))
              (i32.const 2))
            (i32.load offset=16392 (i32.const 0))))
        (local.set $s3
          (i32.xor
            (i32.rotl
              (i32.xor (i32.load offset=28 (local.get $p)) (i32.load offset=65564 (local.get $p)))
              (i32.const 2))
            (i32.load offset=16396 (i32.const 0))))
        ;; round 1
        (i32.store offset=16912 (i32.const 0) (local.tee $t0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s0) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16400 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $t1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s1) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16404 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $t2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s2) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16408 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $t3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s3) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16412 (i32.const 0)))))
        ;; round 2
        (i32.store offset=16912 (i32.const 0) (local.tee $s0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t0) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16416 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $s1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t1) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16420 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $s2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t2) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16424 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $s3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t3) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16428 (i32.const 0)))))
        ;; round 3
        (i32.store offset=16912 (i32.const 0) (local.tee $t0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s0) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16432 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $t1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s1) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16436 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $t2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s2) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16440 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $t3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s3) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16444 (i32.const 0)))))
        ;; round 4
        (i32.store offset=16912 (i32.const 0) (local.tee $s0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t0) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16448 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $s1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t1) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16452 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $s2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t2) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16456 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $s3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t3) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16460 (i32.const 0)))))
        ;; round 5
        (i32.store offset=16912 (i32.const 0) (local.tee $t0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s0) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16464 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $t1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s1) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16468 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $t2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s2) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16472 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $t3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s3) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16476 (i32.const 0)))))
        ;; round 6
        (i32.store offset=16912 (i32.const 0) (local.tee $s0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t0) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16480 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $s1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t1) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16484 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $s2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t2) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16488 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $s3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t3) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16492 (i32.const 0)))))
        ;; round 7
        (i32.store offset=16912 (i32.const 0) (local.tee $t0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s0) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16496 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $t1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s1) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16500 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $t2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s2) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16504 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $t3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s3) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16508 (i32.const 0)))))
        ;; round 8
        (i32.store offset=16912 (i32.const 0) (local.tee $s0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t0) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16512 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $s1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t1) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16516 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $s2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t2) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16520 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $s3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t3) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16524 (i32.const 0)))))
        ;; round 9
        (i32.store offset=16912 (i32.const 0) (local.tee $t0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s0) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16528 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $t1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s1) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16532 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $t2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s2) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16536 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $t3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s3) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16540 (i32.const 0)))))
        ;; round 10
        (i32.store offset=16912 (i32.const 0) (local.tee $s0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t0) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16544 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $s1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t1) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16548 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $s2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t2) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16552 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $s3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t3) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16556 (i32.const 0)))))
        ;; round 11
        (i32.store offset=16912 (i32.const 0) (local.tee $t0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s0) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16560 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $t1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s1) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16564 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $t2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s2) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16568 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $t3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s3) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16572 (i32.const 0)))))
        ;; round 12
        (i32.store offset=16912 (i32.const 0) (local.tee $s0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t0) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16576 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $s1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t1) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16580 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $s2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t2) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16584 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $s3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $t3) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16588 (i32.const 0)))))
        ;; round 13
        (i32.store offset=16912 (i32.const 0) (local.tee $t0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s0) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16592 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $t1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s1) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16596 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $t2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s2) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16600 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $t3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=0 (i32.and (local.get $s3) (i32.const 0x3fc)))
                (i32.load offset=1024 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=2048 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=3072 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16604 (i32.const 0)))))
        ;; round 14 (S-box only, unrotated output), then xor the previous input block
        (i32.store offset=65568 (local.get $p)
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=8192 (i32.and (local.get $t0) (i32.const 0x3fc)))
                (i32.load offset=9216 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=10240 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=11264 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.xor (i32.load offset=16608 (i32.const 0)) (i32.load offset=0 (local.get $p)))))
        (i32.store offset=65572 (local.get $p)
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=8192 (i32.and (local.get $t1) (i32.const 0x3fc)))
                (i32.load offset=9216 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=10240 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=11264 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.xor (i32.load offset=16612 (i32.const 0)) (i32.load offset=4 (local.get $p)))))
        (i32.store offset=65576 (local.get $p)
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=8192 (i32.and (local.get $t2) (i32.const 0x3fc)))
                (i32.load offset=9216 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=10240 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=11264 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.xor (i32.load offset=16616 (i32.const 0)) (i32.load offset=8 (local.get $p)))))
        (i32.store offset=65580 (local.get $p)
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=8192 (i32.and (local.get $t3) (i32.const 0x3fc)))
                (i32.load offset=9216 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=10240 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=11264 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.xor (i32.load offset=16620 (i32.const 0)) (i32.load offset=12 (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks))))

  ;; AES-256-IGE decryption of `len` bytes (at most 65536) from IN to OUT with
  ;; the equivalent inverse cipher round keys at RK; the iv halves are the blocks at
  ;; IN - 16 (previous ciphertext) and OUT - 16 (previous plaintext).
  (func (export "decrypt") (param $len i32)
    ;; $p points at the previous input block; $p + 65552 at the previous output block
    (local $p i32) (local $last i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $t0 i32) (local $t1 i32) (local $t2 i32) (local $t3 i32)
    (local.set $p (i32.const 32752))
    (local.set $last (i32.add (i32.const 32752) (local.get $len)))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $last)))
        ;; round 0 on (input block ^ previous output block); from here on the
        ;; state words are rotated left by 2 bits
        (local.set $s0
          (i32.xor
            (i32.rotl
              (i32.xor (i32.load offset=16 (local.get $p)) (i32.load offset=65552 (local.get $p)))
              (i32.const 2))
            (i32.load offset=16384 (i32.const 0))))
        (local.set $s1
          (i32.xor
            (i32.rotl
              (i32.xor (i32.load offset=20 (local.get $p)) (i32.load offset=65556 (local.get $p)))
              (i32.const 2))
            (i32.load offset=16388 (i32.const 0))))
        (local.set $s2
          (i32.xor
            (i32.rotl
              (i32.xor (i32.load offset=24 (local.get $p)) (i32.load offset=65560 (local.get $p)))
              (i32.const 2))
            (i32.load offset=16392 (i32.const 0))))
        (local.set $s3
          (i32.xor
            (i32.rotl
              (i32.xor (i32.load offset=28 (local.get $p)) (i32.load offset=65564 (local.get $p)))
              (i32.const 2))
            (i32.load offset=16396 (i32.const 0))))
        ;; round 1
        (i32.store offset=16912 (i32.const 0) (local.tee $t0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s0) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16400 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $t1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s1) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16404 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $t2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s2) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16408 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $t3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s3) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16412 (i32.const 0)))))
        ;; round 2
        (i32.store offset=16912 (i32.const 0) (local.tee $s0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t0) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16416 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $s1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t1) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16420 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $s2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t2) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16424 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $s3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t3) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16428 (i32.const 0)))))
        ;; round 3
        (i32.store offset=16912 (i32.const 0) (local.tee $t0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s0) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16432 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $t1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s1) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16436 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $t2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s2) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16440 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $t3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s3) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16444 (i32.const 0)))))
        ;; round 4
        (i32.store offset=16912 (i32.const 0) (local.tee $s0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t0) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16448 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $s1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t1) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16452 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $s2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t2) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16456 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $s3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t3) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16460 (i32.const 0)))))
        ;; round 5
        (i32.store offset=16912 (i32.const 0) (local.tee $t0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s0) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16464 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $t1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s1) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16468 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $t2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s2) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16472 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $t3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s3) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16476 (i32.const 0)))))
        ;; round 6
        (i32.store offset=16912 (i32.const 0) (local.tee $s0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t0) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16480 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $s1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t1) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16484 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $s2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t2) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16488 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $s3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t3) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16492 (i32.const 0)))))
        ;; round 7
        (i32.store offset=16912 (i32.const 0) (local.tee $t0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s0) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16496 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $t1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s1) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16500 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $t2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s2) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16504 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $t3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s3) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16508 (i32.const 0)))))
        ;; round 8
        (i32.store offset=16912 (i32.const 0) (local.tee $s0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t0) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16512 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $s1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t1) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16516 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $s2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t2) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16520 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $s3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t3) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16524 (i32.const 0)))))
        ;; round 9
        (i32.store offset=16912 (i32.const 0) (local.tee $t0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s0) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16528 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $t1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s1) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16532 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $t2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s2) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16536 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $t3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s3) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16540 (i32.const 0)))))
        ;; round 10
        (i32.store offset=16912 (i32.const 0) (local.tee $s0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t0) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16544 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $s1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t1) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16548 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $s2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t2) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16552 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $s3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t3) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16556 (i32.const 0)))))
        ;; round 11
        (i32.store offset=16912 (i32.const 0) (local.tee $t0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s0) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16560 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $t1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s1) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16564 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $t2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s2) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16568 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $t3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s3) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16572 (i32.const 0)))))
        ;; round 12
        (i32.store offset=16912 (i32.const 0) (local.tee $s0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t0) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16576 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $s1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t1) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16580 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $s2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t2) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16584 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $s3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $t3) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16588 (i32.const 0)))))
        ;; round 13
        (i32.store offset=16912 (i32.const 0) (local.tee $t0
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s0) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16592 (i32.const 0)))))
        (i32.store offset=16916 (i32.const 0) (local.tee $t1
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s1) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16596 (i32.const 0)))))
        (i32.store offset=16920 (i32.const 0) (local.tee $t2
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s2) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16600 (i32.const 0)))))
        (i32.store offset=16924 (i32.const 0) (local.tee $t3
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=4096 (i32.and (local.get $s3) (i32.const 0x3fc)))
                (i32.load offset=5120 (i32.and (i32.shr_u (local.get $s2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=6144 (i32.and (i32.shr_u (local.get $s1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=7168 (i32.and (i32.rotl (local.get $s0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.load offset=16604 (i32.const 0)))))
        ;; round 14 (S-box only, unrotated output), then xor the previous input block
        (i32.store offset=65568 (local.get $p)
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=12288 (i32.and (local.get $t0) (i32.const 0x3fc)))
                (i32.load offset=13312 (i32.and (i32.shr_u (local.get $t3) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=14336 (i32.and (i32.shr_u (local.get $t2) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=15360 (i32.and (i32.rotl (local.get $t1) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.xor (i32.load offset=16608 (i32.const 0)) (i32.load offset=0 (local.get $p)))))
        (i32.store offset=65572 (local.get $p)
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=12288 (i32.and (local.get $t1) (i32.const 0x3fc)))
                (i32.load offset=13312 (i32.and (i32.shr_u (local.get $t0) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=14336 (i32.and (i32.shr_u (local.get $t3) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=15360 (i32.and (i32.rotl (local.get $t2) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.xor (i32.load offset=16612 (i32.const 0)) (i32.load offset=4 (local.get $p)))))
        (i32.store offset=65576 (local.get $p)
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=12288 (i32.and (local.get $t2) (i32.const 0x3fc)))
                (i32.load offset=13312 (i32.and (i32.shr_u (local.get $t1) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=14336 (i32.and (i32.shr_u (local.get $t0) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=15360 (i32.and (i32.rotl (local.get $t3) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.xor (i32.load offset=16616 (i32.const 0)) (i32.load offset=8 (local.get $p)))))
        (i32.store offset=65580 (local.get $p)
          (i32.xor
            (i32.xor
              (i32.xor
                (i32.load offset=12288 (i32.and (local.get $t3) (i32.const 0x3fc)))
                (i32.load offset=13312 (i32.and (i32.shr_u (local.get $t2) (i32.const 8)) (i32.const 0x3fc))))
              (i32.xor
                (i32.load offset=14336 (i32.and (i32.shr_u (local.get $t1) (i32.const 16)) (i32.const 0x3fc)))
                (i32.load offset=15360 (i32.and (i32.rotl (local.get $t0) (i32.const 8)) (i32.const 0x3fc)))))
            (i32.xor (i32.load offset=16620 (i32.const 0)) (i32.load offset=12 (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))))
