# Writes core/build_info.h (from IN to OUT) with the tool version and the source tree's git commit, run at
# every build (cmake -P): configure_file rewrites the header only when its text changes, so a new commit
# recompiles the few files that include it and nothing else. Without git (a source tarball): "unknown".
# Inputs: SOURCE_DIR, IN, OUT, PROJECT_VERSION.
execute_process(COMMAND git describe --always --dirty --abbrev=12
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE QB_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT QB_GIT_COMMIT)
  set(QB_GIT_COMMIT unknown)
endif()
configure_file(${IN} ${OUT} @ONLY)
