#include "core/dtype.h"

namespace qb {

size_t DTypeSize(DType type) {
  switch (type) {
    case DType::kFloat32: return 4;
    case DType::kFloat16: return 2;
    case DType::kInt32: return 4;
    case DType::kUInt8: return 1;
    case DType::kInt64: return 8;
    case DType::kString: return 0;
    case DType::kBool: return 1;
    case DType::kInt16: return 2;
    case DType::kComplex64: return 8;
    case DType::kInt8: return 1;
    case DType::kFloat64: return 8;
  }
  return 0;
}

std::string_view DTypeName(DType type) {
  switch (type) {
    case DType::kFloat32: return "FLOAT32";
    case DType::kFloat16: return "FLOAT16";
    case DType::kInt32: return "INT32";
    case DType::kUInt8: return "UINT8";
    case DType::kInt64: return "INT64";
    case DType::kString: return "STRING";
    case DType::kBool: return "BOOL";
    case DType::kInt16: return "INT16";
    case DType::kComplex64: return "COMPLEX64";
    case DType::kInt8: return "INT8";
    case DType::kFloat64: return "FLOAT64";
  }
  return "UNKNOWN";
}

bool IsQuantizedIntegerType(DType type) {
  return type == DType::kUInt8 || type == DType::kInt8 || type == DType::kInt16;
}

}  // namespace qb
