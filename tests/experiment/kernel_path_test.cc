// The report's one-line kernel path (experiment/kernel_path.h): per-model lists merged per variant with
// their op counts summed, one list when both variants ran the same kernels, lists without counts kept, and
// whether a path names the reference kernel alone.
#include <gtest/gtest.h>

#include "experiment/kernel_path.h"

namespace qb::experiment {
namespace {

TEST(KernelPathTest, MergesEachVariantsListsSummingTheOps) {
  EXPECT_EQ(MergeKernelLists({"3 onednn jit:avx2, 13 onednn jit_dw:avx2, 1 reference",
                              "56 onednn jit:avx2, 4 x86 maxpool_pixel_f32_avx2, 1 reference"}),
            "59 onednn jit:avx2, 13 onednn jit_dw:avx2, 2 reference, 4 x86 maxpool_pixel_f32_avx2");
  EXPECT_EQ(KernelPath({"3 onednn jit:avx2", "2 onednn jit:avx2"}, {"1 onednn jit:avx2, 4 qgemm gemm x", ""}),
            "float32: 5 onednn jit:avx2; quantized: 1 onednn jit:avx2, 4 qgemm gemm x");
}

TEST(KernelPathTest, OneListWhenBothVariantsRanTheSameKernels) {
  EXPECT_EQ(KernelPath({"31 reference", "57 reference"}, {"31 reference", "57 reference"}), "88 reference");
  EXPECT_EQ(KernelPath({"reference"}, {"reference"}), "reference");
  EXPECT_EQ(KernelPath({}, {}), "");
  EXPECT_EQ(KernelPath({"2 a"}, {}), "2 a");
}

TEST(KernelPathTest, KeepsItemsWithoutCountsOnce) {
  EXPECT_EQ(MergeKernelLists({"XNNPACK, 2 a", "XNNPACK", "3 a, 10x fast"}), "XNNPACK, 5 a, 10x fast");
}

TEST(KernelPathTest, TellsAReferenceOnlyPath) {
  EXPECT_TRUE(OnlyReferenceKernels("reference"));
  EXPECT_TRUE(OnlyReferenceKernels("88 reference"));
  EXPECT_TRUE(OnlyReferenceKernels("float32: 88 reference; quantized: 3 reference"));
  EXPECT_FALSE(OnlyReferenceKernels("float32: 88 reference; quantized: 3 onednn jit:avx2"));
  EXPECT_FALSE(OnlyReferenceKernels("2 reference, 1 x86 maxpool_pixel_f32_avx2"));
  EXPECT_FALSE(OnlyReferenceKernels(""));
}

}  // namespace
}  // namespace qb::experiment
