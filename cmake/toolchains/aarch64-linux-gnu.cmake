# Cross-compiles quantbench for ARM64 Linux (Raspberry Pi OS = Debian 12 arm64) with Debian's
# g++-aarch64-linux-gnu. The compiler keeps its own C library and libstdc++ (/usr/aarch64-linux-gnu);
# every other dependency comes from QB_ARM64_SYSROOT, a folder of unpacked arm64 Debian packages made by
# scripts/make-arm64-sysroot.sh. Build tools (flatc) are the host's.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

if(NOT QB_ARM64_SYSROOT)
  set(QB_ARM64_SYSROOT "$ENV{QB_ARM64_SYSROOT}")
endif()
if(NOT QB_ARM64_SYSROOT)
  set(QB_ARM64_SYSROOT "${CMAKE_CURRENT_LIST_DIR}/../../build-arm64/sysroot")
endif()
get_filename_component(QB_ARM64_SYSROOT "${QB_ARM64_SYSROOT}" ABSOLUTE)
if(NOT EXISTS "${QB_ARM64_SYSROOT}/usr/include")
  message(FATAL_ERROR "no arm64 sysroot at ${QB_ARM64_SYSROOT}: run scripts/make-arm64-sysroot.sh")
endif()
# Try-compile projects get the toolchain file again; pass the sysroot on.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES QB_ARM64_SYSROOT)

# Packages, headers and libraries from the sysroot (and the toolchain's own folder); programs from the host.
set(CMAKE_FIND_ROOT_PATH "${QB_ARM64_SYSROOT}" /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# Libraries the sysroot's shared libraries need in turn (libXNNPACK -> libcpuinfo, ...) are found at link time.
set(_qb_arm64_libs "${QB_ARM64_SYSROOT}/usr/lib/aarch64-linux-gnu")
string(APPEND CMAKE_EXE_LINKER_FLAGS_INIT " -Wl,-rpath-link,${_qb_arm64_libs}")
string(APPEND CMAKE_SHARED_LINKER_FLAGS_INIT " -Wl,-rpath-link,${_qb_arm64_libs}")

# pkg-config (if a dependency is found through it) reads the sysroot's .pc files.
set(ENV{PKG_CONFIG_LIBDIR} "${_qb_arm64_libs}/pkgconfig:${QB_ARM64_SYSROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${QB_ARM64_SYSROOT}")

# Tests and gtest discovery run the binaries through qemu-user: QB_QEMU_CPU picks the emulated CPU
# (max: NEON + dotprod + i8mm; cortex-a72: the Raspberry Pi 4, NEON only).
if(NOT QB_QEMU_CPU)
  set(QB_QEMU_CPU "$ENV{QB_CPU}")
endif()
if(NOT QB_QEMU_CPU)
  set(QB_QEMU_CPU max)
endif()
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES QB_QEMU_CPU)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64-static -cpu ${QB_QEMU_CPU} -L ${QB_ARM64_SYSROOT}
    -E LD_LIBRARY_PATH=${_qb_arm64_libs}:${QB_ARM64_SYSROOT}/lib/aarch64-linux-gnu)
