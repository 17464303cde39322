# qb_module(NAME DIR DEPS...): one static library per source folder, from every .cc in it.
# Folders own one job each; adding a file to a folder needs no CMake change.
function(qb_module name dir)
  file(GLOB srcs CONFIGURE_DEPENDS ${dir}/*.cc)
  add_library(${name} STATIC ${srcs})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src ${PROJECT_BINARY_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARGN})
endfunction()

# How tests start the quantbench tool: through the emulator when cross-compiling (binfmt may be absent).
string(JOIN " " QB_TOOL_COMMAND ${CMAKE_CROSSCOMPILING_EMULATOR} "$<TARGET_FILE:quantbench>")

# qb_test(NAME DIR DEPS...): one GoogleTest executable per test folder, registered with ctest.
function(qb_test name dir)
  file(GLOB srcs CONFIGURE_DEPENDS ${dir}/*.cc)
  if(NOT srcs)
    return()
  endif()
  add_executable(${name} ${srcs})
  target_link_libraries(${name} PRIVATE ${ARGN} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
      QB_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
      QB_TOOL_COMMAND="${QB_TOOL_COMMAND}")
  add_dependencies(${name} quantbench)
  # Discovered when ctest runs, so the fixtures folder ($QB_FIXTURES) is looked up then.
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 DISCOVERY_MODE PRE_TEST)
endfunction()
