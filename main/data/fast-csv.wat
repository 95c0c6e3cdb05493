;; The fast CSV path's line parser in WebAssembly (main/data/fast-csv-wasm.ts loads it): the same
;; grammar as parseLines in fast-csv.ts, for the lines it can finish alone, at about four times the
;; speed of the JavaScript. It never decides anything parseLines would decide differently: at
;; anything outside its share (a '+' sign, more than 15 digits, a scale beyond 10^±22, a missing
;; marker, a quote, a value out of range, a float32 midpoint, a blank, ragged or unterminated line)
;; it stops at the start of that line and says so, and parseLines reads that line.
;;
;; Memory, laid out by fast-csv-wasm.ts:
;;   [0, 184)      10^0 … 10^22 as f64 (exact)
;;   table         per field of the line, 16 bytes: slot (i32, -1 = not read), is_f32 (i32),
;;                 column (i32: address of the slot's values, f32 or f64 per row)
;;   input         the bytes being parsed
;; Regenerate fast-csv-wasm.ts after an edit: node scripts/build-wasm.mjs
(module
  (memory (export "memory") 1)
  ;; Where parsing stopped: after the last line parsed, or at the start of the line left to JavaScript.
  (global $stopped_at (export "stoppedAt") (mut i32) (i32.const 0))
  ;; 1 when it stopped at a line it leaves to JavaScript.
  (global $left_over (export "leftOver") (mut i32) (i32.const 0))

  ;; Parses whole lines from $pos (before $limit, which ends a line) into rows $fill… of the
  ;; columns, up to $max_fill rows; returns the new fill.
  (func (export "parseLines")
    (param $pos i32) (param $limit i32) (param $fields i32) (param $table i32)
    (param $separator i32) (param $fill i32) (param $max_fill i32)
    (result i32)
    (local $line_start i32) (local $field i32) (local $entry i32) (local $slot i32)
    (local $ch i32) (local $field_start i32) (local $negative i32) (local $number_start i32)
    (local $mantissa i64) (local $digits i32) (local $fraction i32) (local $fraction_start i32)
    (local $exponent i32) (local $exponent_digits i32) (local $negative_exponent i32)
    (local $scale i32) (local $value f64) (local $narrowed f32) (local $wide f64) (local $other f64)
    (global.set $left_over (i32.const 0))
    (block $leave
      (block $done
        (loop $line
          (br_if $done (i32.ge_u (local.get $fill) (local.get $max_fill)))
          (br_if $done (i32.ge_u (local.get $pos) (local.get $limit)))
          (local.set $line_start (local.get $pos))
          ;; A blank line.
          (local.set $ch (i32.load8_u (local.get $pos)))
          (br_if $leave (i32.or (i32.eq (local.get $ch) (i32.const 10)) (i32.eq (local.get $ch) (i32.const 13))))
          (local.set $field (i32.const 0))
          (loop $next_field
            (local.set $entry (i32.add (local.get $table) (i32.shl (local.get $field) (i32.const 4))))
            (local.set $slot (i32.load (local.get $entry)))
            (if (i32.lt_s (local.get $slot) (i32.const 0))
              (then
                ;; Not read: passed over up to its end (a quote is not ours).
                (block $skipped
                  (loop $skip
                    (br_if $skipped (i32.ge_u (local.get $pos) (local.get $limit)))
                    (local.set $ch (i32.load8_u (local.get $pos)))
                    (br_if $skipped (i32.eq (local.get $ch) (local.get $separator)))
                    (br_if $skipped (i32.eq (local.get $ch) (i32.const 10)))
                    (br_if $skipped (i32.eq (local.get $ch) (i32.const 13)))
                    (br_if $leave (i32.eq (local.get $ch) (i32.const 34)))
                    (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
                    (br $skip))))
              (else
                (local.set $field_start (local.get $pos))
                (local.set $ch (i32.load8_u (local.get $pos)))
                (local.set $negative (i32.const 0))
                (if (i32.eq (local.get $ch) (i32.const 45))
                  (then
                    (local.set $negative (i32.const 1))
                    (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
                    (local.set $ch (i32.load8_u (local.get $pos)))))
                (br_if $leave (i32.eq (local.get $ch) (i32.const 43)))
                ;; The digits, with at most one decimal point among them, as one integer.
                (local.set $number_start (local.get $pos))
                (local.set $mantissa (i64.const 0))
                (block $whole_done
                  (loop $whole
                    (br_if $whole_done (i32.gt_u (i32.sub (local.get $ch) (i32.const 48)) (i32.const 9)))
                    (local.set $mantissa
                      (i64.add (i64.mul (local.get $mantissa) (i64.const 10))
                        (i64.extend_i32_u (i32.sub (local.get $ch) (i32.const 48)))))
                    (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
                    (local.set $ch (i32.load8_u (local.get $pos)))
                    (br $whole)))
                (local.set $digits (i32.sub (local.get $pos) (local.get $number_start)))
                (local.set $fraction (i32.const 0))
                (if (i32.eq (local.get $ch) (i32.const 46))
                  (then
                    (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
                    (local.set $fraction_start (local.get $pos))
                    (local.set $ch (i32.load8_u (local.get $pos)))
                    (block $fraction_done
                      (loop $fraction_digits
                        (br_if $fraction_done (i32.gt_u (i32.sub (local.get $ch) (i32.const 48)) (i32.const 9)))
                        (local.set $mantissa
                          (i64.add (i64.mul (local.get $mantissa) (i64.const 10))
                            (i64.extend_i32_u (i32.sub (local.get $ch) (i32.const 48)))))
                        (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
                        (local.set $ch (i32.load8_u (local.get $pos)))
                        (br $fraction_digits)))
                    (local.set $fraction (i32.sub (local.get $pos) (local.get $fraction_start)))
                    (local.set $digits (i32.add (local.get $digits) (local.get $fraction)))))
                (if (i32.eqz (local.get $digits))
                  (then
                    ;; No number: only an empty cell is NaN here (a marker or anything else is not).
                    (br_if $leave (i32.ne (local.get $pos) (local.get $field_start)))
                    (br_if $leave
                      (i32.eqz
                        (i32.or (i32.eq (local.get $ch) (local.get $separator))
                          (i32.or (i32.eq (local.get $ch) (i32.const 10)) (i32.eq (local.get $ch) (i32.const 13))))))
                    (local.set $value (f64.const nan)))
                  (else
                    ;; Exact as an integer in a double up to 15 digits; longer numbers are not ours.
                    (br_if $leave (i32.gt_u (local.get $digits) (i32.const 15)))
                    (local.set $exponent (i32.const 0))
                    (if (i32.eq (i32.or (local.get $ch) (i32.const 32)) (i32.const 101))
                      (then
                        (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
                        (local.set $ch (i32.load8_u (local.get $pos)))
                        (local.set $negative_exponent (i32.const 0))
                        (if (i32.eq (local.get $ch) (i32.const 45))
                          (then
                            (local.set $negative_exponent (i32.const 1))
                            (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
                            (local.set $ch (i32.load8_u (local.get $pos))))
                          (else
                            (if (i32.eq (local.get $ch) (i32.const 43))
                              (then
                                (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
                                (local.set $ch (i32.load8_u (local.get $pos)))))))
                        (local.set $exponent_digits (i32.const 0))
                        (block $exponent_done
                          (loop $exponent_loop
                            (br_if $exponent_done (i32.gt_u (i32.sub (local.get $ch) (i32.const 48)) (i32.const 9)))
                            (br_if $leave (i32.ge_u (local.get $exponent_digits) (i32.const 4)))
                            (local.set $exponent
                              (i32.add (i32.mul (local.get $exponent) (i32.const 10)) (i32.sub (local.get $ch) (i32.const 48))))
                            (local.set $exponent_digits (i32.add (local.get $exponent_digits) (i32.const 1)))
                            (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
                            (local.set $ch (i32.load8_u (local.get $pos)))
                            (br $exponent_loop)))
                        (br_if $leave (i32.eqz (local.get $exponent_digits)))
                        (if (local.get $negative_exponent)
                          (then (local.set $exponent (i32.sub (i32.const 0) (local.get $exponent)))))))
                    ;; One correctly rounded operation with an exact power of ten.
                    (local.set $scale (i32.sub (local.get $fraction) (local.get $exponent)))
                    (br_if $leave (i32.gt_u (i32.add (local.get $scale) (i32.const 22)) (i32.const 44)))
                    (if (i32.ge_s (local.get $scale) (i32.const 0))
                      (then
                        (local.set $value
                          (f64.div (f64.convert_i64_u (local.get $mantissa))
                            (f64.load (i32.shl (local.get $scale) (i32.const 3))))))
                      (else
                        (local.set $value
                          (f64.mul (f64.convert_i64_u (local.get $mantissa))
                            (f64.load (i32.shl (i32.sub (i32.const 0) (local.get $scale)) (i32.const 3)))))))
                    ;; Out of range, or rounded to zero or to a subnormal: not ours.
                    (br_if $leave (i32.eqz (f64.lt (local.get $value) (f64.const inf))))
                    (br_if $leave
                      (i32.and (i64.ne (local.get $mantissa) (i64.const 0))
                        (i32.eqz (f64.ge (local.get $value) (f64.const 0x1p-1022)))))
                    (if (local.get $negative) (then (local.set $value (f64.neg (local.get $value)))))))
                (if (i32.load offset=4 (local.get $entry))
                  (then
                    (local.set $narrowed (f32.demote_f64 (local.get $value)))
                    (if (f64.eq (local.get $value) (local.get $value))
                      (then
                        ;; Infinite, zero from a nonzero number, or subnormal: not ours.
                        (br_if $leave (f32.eq (f32.abs (local.get $narrowed)) (f32.const inf)))
                        (br_if $leave
                          (i32.and (f32.eq (local.get $narrowed) (f32.const 0))
                            (i64.ne (local.get $mantissa) (i64.const 0))))
                        (br_if $leave
                          (i32.and (f32.ne (local.get $narrowed) (f32.const 0))
                            (f32.lt (f32.abs (local.get $narrowed)) (f32.const 0x1p-126))))
                        ;; On a float32 midpoint the double alone cannot say which way the decimal
                        ;; rounds: not ours. There 2·value − narrowed (exact) is the other neighbour.
                        (local.set $wide (f64.promote_f32 (local.get $narrowed)))
                        (local.set $other (f64.sub (f64.mul (local.get $value) (f64.const 2)) (local.get $wide)))
                        (br_if $leave
                          (i32.and (f64.ne (local.get $other) (local.get $wide))
                            (f64.eq (f64.promote_f32 (f32.demote_f64 (local.get $other))) (local.get $other))))))
                    (f32.store
                      (i32.add (i32.load offset=8 (local.get $entry)) (i32.shl (local.get $fill) (i32.const 2)))
                      (local.get $narrowed)))
                  (else
                    (f64.store
                      (i32.add (i32.load offset=8 (local.get $entry)) (i32.shl (local.get $fill) (i32.const 3)))
                      (local.get $value))))))
            ;; The field's end: the separator, or on the last field the line's end.
            (br_if $leave (i32.ge_u (local.get $pos) (local.get $limit)))
            (local.set $ch (i32.load8_u (local.get $pos)))
            (local.set $field (i32.add (local.get $field) (i32.const 1)))
            (if (i32.lt_u (local.get $field) (local.get $fields))
              (then
                (br_if $leave (i32.ne (local.get $ch) (local.get $separator)))
                (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
                (br $next_field)))
            (if (i32.eq (local.get $ch) (i32.const 10))
              (then (local.set $pos (i32.add (local.get $pos) (i32.const 1))))
              (else
                (br_if $leave (i32.ne (local.get $ch) (i32.const 13)))
                (br_if $leave (i32.ge_u (i32.add (local.get $pos) (i32.const 1)) (local.get $limit)))
                (br_if $leave (i32.ne (i32.load8_u offset=1 (local.get $pos)) (i32.const 10)))
                (local.set $pos (i32.add (local.get $pos) (i32.const 2))))))
          (local.set $fill (i32.add (local.get $fill) (i32.const 1)))
          (br $line)))
      (global.set $stopped_at (local.get $pos))
      (return (local.get $fill)))
    (global.set $stopped_at (local.get $line_start))
    (global.set $left_over (i32.const 1))
    (local.get $fill))
)
