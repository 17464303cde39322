# Every dependency is a Debian 12 package (see README); nothing is fetched.
find_package(Threads REQUIRED)
find_package(FlatBuffers CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_program(FLATC_EXECUTABLE flatc REQUIRED)
if(QB_BUILD_TESTS)
  find_package(GTest CONFIG REQUIRED)
endif()

# Kernel backends. oneDNN (x86-64 only, OpenMP build) and XNNPACK are optional: without them the build
# has fewer --float_backend choices, never different results.
set(QB_HAVE_ONEDNN OFF)
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  # Not find_package(dnnl CONFIG): Debian's config insists on the OpenCL development files (its GPU
  # runtime), which the CPU primitives do not use. The library and headers are enough.
  find_path(DNNL_INCLUDE_DIR oneapi/dnnl/dnnl.hpp)
  find_library(DNNL_LIBRARY dnnl)
  find_package(OpenMP COMPONENTS CXX QUIET)
  if(DNNL_INCLUDE_DIR AND DNNL_LIBRARY AND OpenMP_CXX_FOUND)
    set(QB_HAVE_ONEDNN ON)
    add_library(DNNL::dnnl UNKNOWN IMPORTED)
    set_target_properties(DNNL::dnnl PROPERTIES IMPORTED_LOCATION ${DNNL_LIBRARY}
                          INTERFACE_INCLUDE_DIRECTORIES ${DNNL_INCLUDE_DIR})
  else()
    message(WARNING "oneDNN (libdnnl-dev) or OpenMP not found: building without the onednn float backend")
  endif()
endif()

set(QB_HAVE_XNNPACK OFF)
find_package(PkgConfig QUIET)
find_path(XNNPACK_INCLUDE_DIR xnnpack.h)
find_library(XNNPACK_LIBRARY XNNPACK)
find_library(PTHREADPOOL_LIBRARY pthreadpool)
if(PkgConfig_FOUND)
  pkg_check_modules(CPUINFO QUIET IMPORTED_TARGET libcpuinfo)
endif()
if(XNNPACK_INCLUDE_DIR AND XNNPACK_LIBRARY AND PTHREADPOOL_LIBRARY AND CPUINFO_FOUND)
  set(QB_HAVE_XNNPACK ON)
  add_library(qb_xnnpack_deps INTERFACE)
  target_include_directories(qb_xnnpack_deps INTERFACE ${XNNPACK_INCLUDE_DIR})
  target_link_libraries(qb_xnnpack_deps INTERFACE ${XNNPACK_LIBRARY} ${PTHREADPOOL_LIBRARY} PkgConfig::CPUINFO)
else()
  message(WARNING "XNNPACK (libxnnpack-dev, libpthreadpool-dev, libcpuinfo-dev) not found: building without the "
                  "xnnpack float backend")
endif()
message(STATUS "quantbench float backends: reference, onednn=${QB_HAVE_ONEDNN}, xnnpack=${QB_HAVE_XNNPACK}")
