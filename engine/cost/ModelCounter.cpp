// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/ModelCounter.h"
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"

namespace dnas {

OpCount NetCount::total() const {
    OpCount t = stem;
    for (const auto& l : layers)
        t += l;
    t += head;
    t += fc;
    return t;
}

OpCount ModelCounter::conv(int cIn, int cOut, int kernel, int outH, int outW, int groups,
                           bool bias) {
    OpCount c;
    const int64_t perOutput = static_cast<int64_t>(cIn / groups) * kernel * kernel;
    c.params = perOutput * cOut + (bias ? cOut : 0);
    c.macs = perOutput * cOut * outH * outW;
    return c;
}

int ModelCounter::seChannels(int mid) {
    return makeDivisible(mid * 0.25);
}

OpCount ModelCounter::block(const OpSpec& op, const LayerShape& s, bool alwaysPw) {
    const int oh = s.outH(), ow = s.outW();
    OpCount c;
    if (op.isSkip()) {
        if (s.c_in != s.c_out || s.stride != 1)
            c += conv(s.c_in, s.c_out, 1, oh, ow, 1, false);
        return c;
    }
    const int mid = s.c_in * op.expansion;
    if (op.expansion != 1 || alwaysPw)
        c += conv(s.c_in, mid, 1, s.h, s.w, op.groups, false);
    c += conv(mid, mid, op.kernel, oh, ow, mid, false);
    if (op.se) {
        const int se = seChannels(mid);
        c += conv(mid, se, 1, 1, 1, 1, true);
        c += conv(se, mid, 1, 1, 1, 1, true);
    }
    c += conv(mid, s.c_out, 1, oh, ow, op.groups, false);
    return c;
}

NetCount ModelCounter::count(const SearchSpace& sp, const Architecture& arch) {
    const SearchSpace space = arch.applyTo(sp);
    NetCount n;
    const int stemSize = space.stemOutSize();
    n.stem = conv(space.input_channels, space.stem_c_out, 3, stemSize, stemSize, 1, false);
    const auto shapes = space.layerShapes();
    for (size_t i = 0; i < shapes.size() && i < arch.ops.size(); ++i)
        n.layers.push_back(block(space.op(arch.ops[i]), shapes[i], space.always_pw));
    const int f = space.finalSize();
    n.head = conv(space.lastChannels(), space.head_c_out, 1, f, f, 1, false);
    n.fc = conv(space.head_c_out, space.num_classes, 1, 1, 1, 1, true);
    return n;
}

} // namespace dnas
