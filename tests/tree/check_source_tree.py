#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the rules of the source tree that the compiler would not catch (docs/architecture.md §1).

- Every quoted include is written from the repository root and names one file: it starts with
  engine/, ui/, cli/, tests/ or bench/, that file exists, and no file of the same path sits
  beside the including file (a quoted include looks there first, so it would win silently).
- engine/ includes no Qt header and nothing of ui/, cli/, tests/ or bench/.
- ui/ cannot reach LibTorch: no header it includes, directly or through engine/ headers,
  includes torch, ATen, c10 or caffe2.
- cli/ includes nothing of ui/; ui/ nothing of cli/.
Prints one line per problem (file:line: what) and exits 1 when there is any.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parents[2])
FACES = ("engine", "ui", "cli", "app", "tests", "bench")
ROOTED = ("engine/", "ui/", "cli/", "tests/", "bench/")
GENERATED = {"engine/util/BuildConfig.h"}  # configured into the build tree's generated/
QUOTED = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
ANGLED = re.compile(r'^\s*#\s*include\s+<([^>]+)>', re.M)
TORCH = re.compile(r"^(torch|ATen|c10|caffe2)/")
QT = re.compile(r"^(Q[A-Za-z]+|Qt[A-Za-z]+/.*|qcustomplot\.h)$")


def sources():
    for face in FACES:
        for path in sorted((ROOT / face).rglob("*")):
            if path.suffix in (".h", ".cpp") and "corpus" not in path.parts:
                yield path


def includes(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    for regex, kind in ((QUOTED, "quoted"), (ANGLED, "angled")):
        for m in regex.finditer(text):
            yield kind, m.group(1), text.count("\n", 0, m.start()) + 1


def reaches_torch(header, seen):
    """The first torch include reachable from a project header, or None."""
    if header in seen:
        return None
    seen.add(header)
    path = ROOT / header
    if not path.is_file():
        return None
    for kind, name, _ in includes(path):
        if kind == "angled" and TORCH.match(name):
            return f"{header} includes <{name}>"
        if kind == "quoted" and name.startswith(ROOTED):
            found = reaches_torch(name, seen)
            if found:
                return found
    return None


def main():
    problems = []
    for path in sources():
        rel = path.relative_to(ROOT).as_posix()
        face = rel.split("/")[0]
        for kind, name, line in includes(path):
            where = f"{rel}:{line}"
            if kind == "quoted":
                if name.endswith(".moc"):
                    continue
                if not name.startswith(ROOTED):
                    problems.append(f'{where}: "{name}" is not written from the repository root')
                    continue
                if not (ROOT / name).is_file() and name not in GENERATED:
                    problems.append(f'{where}: "{name}" does not exist')
                if (path.parent / name).is_file():
                    problems.append(f'{where}: "{name}" also resolves beside the including file')
                target = name.split("/")[0]
                if face == "engine" and target != "engine":
                    problems.append(f'{where}: engine/ includes "{name}"')
                if (face, target) in (("cli", "ui"), ("ui", "cli")):
                    problems.append(f'{where}: {face}/ includes "{name}"')
                if face == "ui":
                    chain = reaches_torch(name, set())
                    if chain:
                        problems.append(f'{where}: ui/ reaches LibTorch through "{name}": {chain}')
            else:
                if face == "engine" and QT.match(name):
                    problems.append(f"{where}: engine/ includes the Qt header <{name}>")
                if face == "ui" and TORCH.match(name):
                    problems.append(f"{where}: ui/ includes <{name}>")
    for p in problems:
        print(p)
    print(f"check_source_tree: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
