# qb_module(NAME DIR DEPS...): one static library per source folder, from every .cc in it.
# Folders own one job each; adding a file to a folder needs no CMake change.
function(qb_module name dir)
  file(GLOB srcs CONFIGURE_DEPENDS ${dir}/*.cc)
  add_library(${name} STATIC ${srcs})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src ${PROJECT_BINARY_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARGN})
endfunction()

# Precompiled headers (CI time: GoogleTest and the standard headers below cost ~4 s of parsing per test
# file). CMake force-includes them into every file of a target that uses them, so a missing #include goes
# unnoticed there: files still include what they use.
set(QB_PCH_STD <algorithm> <cmath> <cstdint> <cstring> <filesystem> <fstream> <map> <memory> <optional>
    <sstream> <string> <string_view> <vector>)

# How tests start the quantbench tool: through the emulator when cross-compiling (binfmt may be absent).
string(JOIN " " QB_TOOL_COMMAND ${CMAKE_CROSSCOMPILING_EMULATOR} "$<TARGET_FILE:quantbench>")

# What tests know of their surroundings. qb_test_support has the same definitions: GCC uses a precompiled
# header only where the macros defined on the command line are the same.
set(QB_TEST_DEFINITIONS QB_SOURCE_DIR="${PROJECT_SOURCE_DIR}" QB_TOOL_COMMAND="${QB_TOOL_COMMAND}"
    QB_DEFAULT_FIXTURES_DIR="${PROJECT_SOURCE_DIR}/../shared/fixtures")

# qb_test(NAME DIR [RUNS_TOOL] DEPS...): one GoogleTest executable per test folder, registered with ctest.
# RUNS_TOOL: its tests start the quantbench executable, which is then built first (the others do not wait
# for it: CI's ARM64 stage builds only the fixture and kernel tests).
function(qb_test name dir)
  cmake_parse_arguments(PARSE_ARGV 2 arg "RUNS_TOOL" "" "")
  set(deps ${arg_UNPARSED_ARGUMENTS})
  file(GLOB srcs CONFIGURE_DEPENDS ${dir}/*.cc)
  if(NOT srcs)
    return()
  endif()
  add_executable(${name} ${srcs})
  target_link_libraries(${name} PRIVATE ${deps} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE ${QB_TEST_DEFINITIONS})
  if("qb_test_support" IN_LIST deps)  # the same flags (-fopenmp included), so its precompiled header fits
    target_precompile_headers(${name} REUSE_FROM qb_test_support)
  endif()
  if(arg_RUNS_TOOL)
    add_dependencies(${name} quantbench)
  endif()
  # Discovered when ctest runs, so the fixtures folder ($QB_FIXTURES) is looked up then.
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 DISCOVERY_MODE PRE_TEST)
endfunction()
