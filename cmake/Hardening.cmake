# SPDX-License-Identifier: GPL-3.0-or-later
# Sanitizer builds (presets `asan` and `fuzz` in CMakePresets.json; README section "Hardening").
#
# DNAS_SANITIZE instruments everything this project compiles with AddressSanitizer and
# UndefinedBehaviorSanitizer. LibTorch, Qt and the other Debian libraries stay uninstrumented;
# reports from inside them are suppressed by tests/sanitizers/*.supp, never ours.
option(DNAS_SANITIZE "Build with AddressSanitizer + UndefinedBehaviorSanitizer" OFF)
# DNAS_FUZZ adds the libFuzzer targets of tests/fuzz (needs clang).
option(DNAS_FUZZ "Build the libFuzzer targets in tests/fuzz (clang only)" OFF)

if(DNAS_SANITIZE)
  # Any undefined behaviour aborts (a test or fuzz run then fails) instead of printing and going
  # on; frame pointers and line tables give readable stack traces at a small compile cost.
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer
                      $<IF:$<CXX_COMPILER_ID:Clang>,-gline-tables-only,-g1>)
  add_link_options(-fsanitize=address,undefined)
  set(DNAS_SANITIZER_DIR "${PROJECT_SOURCE_DIR}/tests/sanitizers")
  # Appended to every test's environment by tests/CMakeLists.txt.
  set(DNAS_SANITIZER_ENV
      "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:suppressions=${DNAS_SANITIZER_DIR}/asan.supp"
      "LSAN_OPTIONS=suppressions=${DNAS_SANITIZER_DIR}/lsan.supp:print_suppressions=0"
      "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=${DNAS_SANITIZER_DIR}/ubsan.supp")
endif()

if(DNAS_FUZZ AND NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "DNAS_FUZZ needs clang (libFuzzer): use the preset, cmake --preset fuzz")
endif()
