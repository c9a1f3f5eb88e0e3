# SPDX-License-Identifier: Apache-2.0
# Compiler settings shared by every Jamul target, applied through the jamul_settings interface target
# so that third-party code is not compiled with our warning flags.

add_library(jamul_settings INTERFACE)
target_compile_options(jamul_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wnull-dereference -Wdouble-promotion -Wformat=2
  -Wimplicit-fallthrough)
if(JAMUL_WERROR)
  target_compile_options(jamul_settings INTERFACE -Werror)
endif()
if(JAMUL_SANITIZE)
  target_compile_options(jamul_settings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(jamul_settings INTERFACE -fsanitize=address,undefined)
endif()

if(JAMUL_BUILD_FUZZERS)
  # Our code is instrumented for coverage and checked by ASan/UBSan; the harnesses add the
  # libFuzzer driver (tests/fuzz).
  target_compile_options(jamul_settings INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  target_link_options(jamul_settings INTERFACE -fsanitize=address,undefined)
endif()

# jamul_add_library(NAME module) creates jamul_<module> with alias jamul::<module>; its public headers are
# <module>/include/jamul/<module>/*.h and nothing else is exported (include dirs flow only through
# target_link_libraries, so a module that does not link another cannot include it).
function(jamul_add_library module)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  add_library(jamul_${module} STATIC ${ARG_SOURCES})
  add_library(jamul::${module} ALIAS jamul_${module})
  target_include_directories(jamul_${module}
    PUBLIC  ${CMAKE_CURRENT_SOURCE_DIR}/include
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(jamul_${module} PRIVATE jamul_settings)
endfunction()
