// What the peak loops share: twelve independent accumulators c0..c11, each updated by one instruction per
// round, written in inline assembly so that the compiler adds nothing to the loop. (Written with intrinsics
// over an array, GCC 12 copied every accumulator twice per round — 22 register moves beside 12 FMAs — and
// the measured peak came out at half or less of the hardware's on Intel cores.)
//   QB_PEAK_TWELVE(F)   F(0) ... F(11): one instruction text per accumulator, operand %N is cN
//   QB_PEAK_OUTPUTS     the twelve "+v" outputs; the inputs follow as %12, %13, %14
#pragma once

#include <initializer_list>  // the accumulators are summed with a range-for over {QB_PEAK_ACCUMULATORS}

#define QB_PEAK_TWELVE(F) F(0) F(1) F(2) F(3) F(4) F(5) F(6) F(7) F(8) F(9) F(10) F(11)
#define QB_PEAK_OUTPUTS                                                                                    \
  "+v"(c0), "+v"(c1), "+v"(c2), "+v"(c3), "+v"(c4), "+v"(c5), "+v"(c6), "+v"(c7), "+v"(c8), "+v"(c9), \
      "+v"(c10), "+v"(c11)
#define QB_PEAK_DECLARE(TYPE, INIT)                                                                    \
  TYPE c0 = INIT(0), c1 = INIT(1), c2 = INIT(2), c3 = INIT(3), c4 = INIT(4), c5 = INIT(5), c6 = INIT(6), \
       c7 = INIT(7), c8 = INIT(8), c9 = INIT(9), c10 = INIT(10), c11 = INIT(11)
#define QB_PEAK_ACCUMULATORS c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11
