# SPDX-License-Identifier: GPL-3.0-or-later
# Unity builds for the targets whose translation units are dominated by shared headers
# (LibTorch through the precompiled header, Qt and QCustomPlot): CMake concatenates their
# sources in batches, so the headers are parsed and their templates instantiated once a batch.
# Fresh-build figures for each batch size are in docs/architecture.md, section "Build".
option(DNAS_UNITY_BUILD "Build the engine, the UI and the engine tests in unity batches" ON)
# Eight sources a batch: ~11 s of precompiled-header load per batch spread over eight files,
# while two batches still keep both of a 2-core machine's cores busy and a one-file edit
# recompiles eight files, not the whole library.
set(DNAS_UNITY_BATCH_SIZE 8 CACHE STRING "Sources per unity batch (DNAS_UNITY_BUILD)")

function(dnas_unity_build target)
  if(DNAS_UNITY_BUILD)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON
                                               UNITY_BUILD_BATCH_SIZE ${DNAS_UNITY_BATCH_SIZE})
  endif()
endfunction()
