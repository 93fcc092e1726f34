#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check_source_tree.py on a crafted tree: each broken rule is reported, a clean tree passes."""
import pathlib
import subprocess
import sys
import tempfile

CHECK = pathlib.Path(__file__).with_name("check_source_tree.py")
FILES = {
    "engine/search/Good.h": '#include "engine/util/Plain.h"\n#include <vector>\n',
    "engine/util/Plain.h": "#include <string>\n",
    "engine/nn/Net.h": "#include <torch/torch.h>\n",
    "ui/search/View.h": '#include "engine/util/Plain.h"\n#include <QWidget>\n',
}
BROKEN = {
    "engine/search/Qt.cpp": ("#include <QString>\n", "includes the Qt header <QString>"),
    "engine/search/Up.cpp": ('#include "ui/search/View.h"\n', 'engine/ includes "ui/search/View.h"'),
    "ui/search/Short.cpp": ('#include "search/View.h"\n', "not written from the repository root"),
    "ui/search/Gone.cpp": ('#include "ui/search/Gone.h"\n', "does not exist"),
    "ui/search/Torch.cpp": ('#include "engine/nn/Net.h"\n', "reaches LibTorch"),
    "cli/Cmd.cpp": ('#include "ui/search/View.h"\n', 'cli/ includes "ui/search/View.h"'),
    # engine/engine/util/Plain.h beside engine/X.cpp would win over the root's engine/util/Plain.h
    "engine/Shadow.cpp": ('#include "engine/util/Plain.h"\n', "also resolves beside"),
    "engine/engine/util/Plain.h": ("\n", None),
}


def run(tree):
    out = subprocess.run([sys.executable, str(CHECK), str(tree)], capture_output=True, text=True)
    return out.returncode, out.stdout


def write(root, files):
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def main():
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        write(root, FILES)
        code, out = run(root)
        if code != 0:
            failures.append(f"clean tree rejected:\n{out}")
        write(root, {rel: text for rel, (text, _) in BROKEN.items()})
        code, out = run(root)
        if code != 1:
            failures.append(f"broken tree accepted (exit {code})")
        for rel, (_, expected) in BROKEN.items():
            if expected and not any(rel in line and expected in line for line in out.splitlines()):
                failures.append(f"{rel}: expected a line with '{expected}'")
    for f in failures:
        print(f)
    print(f"test_check_source_tree: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
