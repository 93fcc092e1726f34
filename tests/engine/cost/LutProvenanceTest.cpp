// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/LutProvenance.h"
#include "engine/cost/LutMeasurer.h"

#include <gtest/gtest.h>

using namespace dnas;

namespace {

MeasurementSettings settings(int threads, int batch, const std::string& cpu) {
    MeasurementSettings s;
    s.threads = threads;
    s.batch = batch;
    s.cpu = cpu;
    s.libtorch = "2.1.0";
    s.blas = "openblas-pthread";
    return s;
}

// A table as LutMeasurer writes it, with the given settings.
LatencyTable measuredLut(const MeasurementSettings& s) {
    LatencyTable t;
    t.device = {{"name", "this machine (host)"},
                {"kind", "measured"},
                {"threads", s.threads},
                {"batch", s.batch},
                {"cpu", s.cpu},
                {"libtorch", s.libtorch},
                {"blas", s.blas}};
    t.provenance = {{"kind", "measured"}};
    return t;
}

TEST(LutProvenance, OtherSettingsAreFlaggedWithTheFieldNamed) {
    const MeasurementSettings now = settings(2, 1, "Intel Xeon");
    MeasurementSettings was = settings(1, 8, "AMD EPYC");
    was.libtorch = "2.0.1";
    was.blas = "mkl";
    const auto m = LutProvenance::mismatches(measuredLut(was), now);
    ASSERT_EQ(m.size(), 5u);
    EXPECT_EQ(m[0].field, "threads");
    EXPECT_EQ(m[0].message, "LUT measured with 1 thread(s), this run uses 2");
    EXPECT_EQ(m[1].field, "batch");
    EXPECT_EQ(m[1].message, "LUT measured at batch 8, this run uses batch 1");
    EXPECT_EQ(m[2].field, "cpu");
    EXPECT_NE(m[2].message.find("\"AMD EPYC\""), std::string::npos) << m[2].message;
    EXPECT_NE(m[2].message.find("\"Intel Xeon\""), std::string::npos) << m[2].message;
    EXPECT_EQ(m[3].field, "libtorch");
    EXPECT_EQ(m[3].message, "LUT measured with LibTorch 2.0.1, this build uses 2.1.0");
    EXPECT_EQ(m[4].field, "blas");

    // One setting off: only that one.
    const auto threadsOnly =
        LutProvenance::mismatches(measuredLut(settings(4, 1, "Intel Xeon")), now);
    ASSERT_EQ(threadsOnly.size(), 1u);
    EXPECT_EQ(threadsOnly[0].field, "threads");
}

TEST(LutProvenance, SameSettingsAreNotFlagged) {
    const MeasurementSettings now = settings(2, 1, "Intel Xeon");
    EXPECT_TRUE(LutProvenance::mismatches(measuredLut(now), now).empty());

    // What LutMeasurer records on this machine matches what this process runs with.
    TimingOptions o;
    o.threads = 1;
    LatencyTable here;
    here.device = LutMeasurer(o).deviceJson();
    EXPECT_TRUE(LutProvenance::mismatches(here, LutProvenance::current(1, 1)).empty());
    const auto rec = LutProvenance::recorded(here);
    ASSERT_TRUE(rec.has_value());
    EXPECT_EQ(rec->threads, 1);
    EXPECT_EQ(rec->batch, 1);
    EXPECT_EQ(rec->cpu, LutMeasurer::cpuModel());
    EXPECT_EQ(rec->libtorch, LutMeasurer::libtorchVersion());
    EXPECT_FALSE(rec->blas.empty());
}

TEST(LutProvenance, SettingsATableDoesNotRecordAreNotFlagged) {
    // An older measured table: threads only. An unknown CPU on either side compares nothing.
    LatencyTable old;
    old.device = {{"name", "this machine (old)"}, {"kind", "measured"}, {"threads", 2}};
    EXPECT_TRUE(LutProvenance::mismatches(old, settings(2, 4, "Intel Xeon")).empty());
    EXPECT_TRUE(
        LutProvenance::mismatches(measuredLut(settings(2, 1, "unknown")), settings(2, 1, "Intel"))
            .empty());
}

TEST(LutProvenance, PublishedImportedAndFittedTablesAreNotFlagged) {
    const MeasurementSettings now = settings(2, 1, "Intel Xeon");
    // A published table describes another device on purpose.
    const LatencyTable pixel = LatencyTable::load("hw-nas-bench/pixel3-imagenet");
    EXPECT_FALSE(LutProvenance::recorded(pixel).has_value());
    EXPECT_TRUE(LutProvenance::mismatches(pixel, now).empty());
    // Even one that happens to carry the fields of a measurement.
    for (const char* kind : {"imported", "fitted", "pixel3"}) {
        LatencyTable t = measuredLut(settings(1, 8, "AMD EPYC"));
        t.device["kind"] = kind;
        EXPECT_TRUE(LutProvenance::mismatches(t, now).empty()) << kind;
    }
}

} // namespace
