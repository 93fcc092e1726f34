// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

namespace dnas::cli {

// `dnas export (RUN | --space S --arch A [--weights W]) --format onnx,torchscript,ptl,arch_def
//  -o DIR [--lut L ...]`: writes the chosen model formats, arch.json, arch_def.json and
// model-card.json, and checks each file by reloading it and comparing logits.
class ExportCommand : public CliCommand {
  public:
    QString name() const override { return "export"; }
    QString summary() const override { return "Export a trained model (ONNX, TorchScript, ...)."; }
    int run(const QStringList& args) override;
};

} // namespace dnas::cli
