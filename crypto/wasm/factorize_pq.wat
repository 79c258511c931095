;; Pollard–Brent rho for a 64-bit odd n, with Montgomery multiplication
;; (R = 2^64) on u64. WebAssembly has no 64×64→128 multiply, so the high
;; half is assembled from four 32×32→64 products. Loaded by
;; crypto/factorize_pq.ts; compiled by scripts/build_pq_wasm.ts.
(module
  (global $n (mut i64) (i64.const 0))
  ;; −n⁻¹ mod 2^64
  (global $n_prime (mut i64) (i64.const 0))

  ;; the high 64 bits of the unsigned 128-bit product a·b
  (func $mul_high (param $a i64) (param $b i64) (result i64)
    (local $a0 i64) (local $a1 i64) (local $b0 i64) (local $b1 i64)
    (local $p00 i64) (local $p01 i64) (local $p10 i64) (local $middle i64)
    (local.set $a0 (i64.and (local.get $a) (i64.const 0xffffffff)))
    (local.set $a1 (i64.shr_u (local.get $a) (i64.const 32)))
    (local.set $b0 (i64.and (local.get $b) (i64.const 0xffffffff)))
    (local.set $b1 (i64.shr_u (local.get $b) (i64.const 32)))
    (local.set $p00 (i64.mul (local.get $a0) (local.get $b0)))
    (local.set $p01 (i64.mul (local.get $a0) (local.get $b1)))
    (local.set $p10 (i64.mul (local.get $a1) (local.get $b0)))
    ;; below 3·2^32: cannot overflow
    (local.set $middle
      (i64.add
        (i64.add (i64.shr_u (local.get $p00) (i64.const 32))
                 (i64.and (local.get $p01) (i64.const 0xffffffff)))
        (i64.and (local.get $p10) (i64.const 0xffffffff))))
    (i64.add
      (i64.add
        (i64.mul (local.get $a1) (local.get $b1))
        (i64.add (i64.shr_u (local.get $p01) (i64.const 32))
                 (i64.shr_u (local.get $p10) (i64.const 32))))
      (i64.shr_u (local.get $middle) (i64.const 32))))

  ;; (high + carry) mod n where the true sum may reach 2n (and wrap past 2^64)
  (func $reduce_sum (param $x i64) (param $y i64) (result i64)
    (local $sum i64)
    (local.set $sum (i64.add (local.get $x) (local.get $y)))
    (if (result i64)
      (i32.or (i64.lt_u (local.get $sum) (local.get $x))
              (i64.ge_u (local.get $sum) (global.get $n)))
      (then (i64.sub (local.get $sum) (global.get $n)))
      (else (local.get $sum))))

  ;; a·b·2^−64 mod n for a, b < n
  (func $montgomery (param $a i64) (param $b i64) (result i64)
    (local $low i64) (local $m i64)
    (local.set $low (i64.mul (local.get $a) (local.get $b)))
    (local.set $m (i64.mul (local.get $low) (global.get $n_prime)))
    ;; (a·b + m·n) / 2^64: the low halves sum to 0 mod 2^64, with a carry
    ;; exactly when the low half of a·b is not zero
    (call $reduce_sum
      (call $mul_high (local.get $a) (local.get $b))
      (i64.add (call $mul_high (local.get $m) (global.get $n))
               (i64.extend_i32_u (i64.ne (local.get $low) (i64.const 0))))))

  (func $gcd (param $a i64) (param $b i64) (result i64)
    (local $t i64)
    (block $done
      (loop $next
        (br_if $done (i64.eqz (local.get $b)))
        (local.set $t (i64.rem_u (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (br $next)))
    (local.get $a))

  (func $distance (param $a i64) (param $b i64) (result i64)
    (if (result i64) (i64.gt_u (local.get $a) (local.get $b))
      (then (i64.sub (local.get $a) (local.get $b)))
      (else (i64.sub (local.get $b) (local.get $a)))))

  ;; one step of the walk: y → y² + c
  (func $step (param $y i64) (param $c i64) (result i64)
    (call $reduce_sum (call $montgomery (local.get $y) (local.get $y)) (local.get $c)))

  ;; A non-trivial factor of the odd n > 1, or n when this c failed (or the
  ;; walk ran past max_run steps per round: a guard against hostile input).
  (func (export "brent") (param $n i64) (param $c i64) (param $max_run i64) (result i64)
    (local $inverse i64) (local $i i32)
    (local $y i64) (local $x i64) (local $saved i64) (local $q i64)
    (local $g i64) (local $run i64) (local $k i64) (local $j i64) (local $steps i64)
    (global.set $n (local.get $n))
    ;; n·n ≡ 1 mod 8 gives 3 correct bits; each Newton step doubles them
    (local.set $inverse (local.get $n))
    (local.set $i (i32.const 0))
    (loop $newton
      (local.set $inverse
        (i64.mul (local.get $inverse)
                 (i64.sub (i64.const 2) (i64.mul (local.get $n) (local.get $inverse)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $newton (i32.lt_u (local.get $i) (i32.const 5))))
    (global.set $n_prime (i64.sub (i64.const 0) (local.get $inverse)))
    (local.set $c (i64.rem_u (local.get $c) (local.get $n)))

    (local.set $y (i64.const 2))
    (local.set $q (i64.const 1))
    (local.set $g (i64.const 1))
    (local.set $run (i64.const 1))
    (block $found
      (loop $round
        (if (i64.gt_u (local.get $run) (local.get $max_run)) (then (return (local.get $n))))
        (local.set $x (local.get $y))
        (local.set $j (i64.const 0))
        (block $advanced
          (loop $advance
            (br_if $advanced (i64.ge_u (local.get $j) (local.get $run)))
            (local.set $y (call $step (local.get $y) (local.get $c)))
            (local.set $j (i64.add (local.get $j) (i64.const 1)))
            (br $advance)))
        (local.set $k (i64.const 0))
        (block $round_done
          (loop $batch
            (br_if $round_done (i64.ge_u (local.get $k) (local.get $run)))
            (local.set $saved (local.get $y))
            (local.set $steps (i64.sub (local.get $run) (local.get $k)))
            (if (i64.gt_u (local.get $steps) (i64.const 128)) (then (local.set $steps (i64.const 128))))
            (local.set $j (i64.const 0))
            (block $batch_done
              (loop $inner
                (br_if $batch_done (i64.ge_u (local.get $j) (local.get $steps)))
                (local.set $y (call $step (local.get $y) (local.get $c)))
                (local.set $q (call $montgomery (local.get $q) (call $distance (local.get $x) (local.get $y))))
                (local.set $j (i64.add (local.get $j) (i64.const 1)))
                (br $inner)))
            (local.set $g (call $gcd (local.get $q) (local.get $n)))
            (br_if $found (i64.ne (local.get $g) (i64.const 1)))
            (local.set $k (i64.add (local.get $k) (i64.const 128)))
            (br $batch)))
        (local.set $run (i64.shl (local.get $run) (i64.const 1)))
        (br $round)))
    ;; the batch overshot (or closed the cycle): replay it one step at a time
    (if (i64.eq (local.get $g) (local.get $n))
      (then
        (local.set $j (i64.const 0))
        (block $replayed
          (loop $replay
            (local.set $saved (call $step (local.get $saved) (local.get $c)))
            (local.set $g (call $gcd (call $distance (local.get $x) (local.get $saved)) (local.get $n)))
            (br_if $replayed (i64.ne (local.get $g) (i64.const 1)))
            (local.set $j (i64.add (local.get $j) (i64.const 1)))
            (br_if $replay (i64.le_u (local.get $j) (i64.const 129)))))))
    (local.get $g))
)
