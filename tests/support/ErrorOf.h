// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The message of the DnasError that f throws; a test failure (and "") when f succeeds or throws
// anything else, so every refused input is checked to be refused the engine's way.
#include "engine/util/DnasError.h"

#include <gtest/gtest.h>

#include <string>

namespace dnas::testsupport {

template <class F> std::string errorOf(F&& f) {
    try {
        f();
    } catch (const DnasError& e) {
        return e.what();
    } catch (const std::exception& e) {
        ADD_FAILURE() << "not a DnasError: " << e.what();
        return "";
    }
    ADD_FAILURE() << "no error";
    return "";
}

} // namespace dnas::testsupport
