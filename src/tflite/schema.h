// The generated FlatBuffers code of quantbench's .tflite schema subset (schema/tflite_subset.fbs).
#pragma once

#include "tflite/schema/tflite_subset_generated.h"
