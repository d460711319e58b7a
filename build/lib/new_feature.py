#!/usr/bin/env python3
"""Places what `dotnet new cleanapp-usecase` / `cleanapp-entity` generated into this solution's projects.

The item templates cannot know the solution's name, nor extend a file that exists: they write their files into a
staging folder (.new-feature) with a manifest, and run this script (their post action) at the solution's root:

    python3 build/lib/new_feature.py .new-feature

Manifest lines ({S} is the solution's name, from its one .sln; __SolutionName__ in the files becomes it too):
    copy A -> B                                   a new file; refused if B exists
    create-or-insert A -> B | S before "M" ...    B from A when missing; then each snippet S above the line holding M
    insert S -> B before "M"                      snippet S above the line of B holding M
    insert-if-created X | S -> B before "M"       the same, only when X was created by this run
    say TEXT                                      printed at the end (the next command)

Nothing is changed unless every step can be done; the staging folder is removed once all is placed.
"""
import pathlib
import re
import shutil
import sys

TOKEN = "__SolutionName__"


def fail(message):
    print(f"new_feature: {message}", file=sys.stderr)
    sys.exit(1)


def main(staging):
    root = pathlib.Path.cwd()
    staging = root / staging
    if not (staging / "manifest.txt").is_file():
        fail(f"no {staging}/manifest.txt: run this at the solution's root, after a dotnet new item template.")
    solutions = sorted(root.glob("*.sln")) + sorted(root.glob("*.slnx"))
    if len(solutions) != 1:
        fail(f"expected one .sln in {root}, found {len(solutions)}: run this at the solution's root.")
    name = solutions[0].stem

    def read(path):
        return (staging / path).read_text(encoding="utf-8").replace(TOKEN, name)

    def target(path):
        return root / path.replace("{S}", name)

    steps, said = [], []
    for line in (staging / "manifest.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        verb, _, rest = line.partition(" ")
        if verb == "say":
            said.append(rest.replace("{S}", name))
            continue
        steps.append((verb, rest))

    # Plan first: every target and marker must be there (or not) as expected, before anything is written.
    writes, created = {}, set()

    def current(path):
        return writes[path] if path in writes else path.read_text(encoding="utf-8")

    def insert(path, snippet, marker):
        text = current(path)
        lines = text.splitlines(keepends=True)
        at = next((i for i, l in enumerate(lines) if marker in l), None)
        if at is None:
            fail(f'{path.relative_to(root)} has no line "{marker}": add it where new code should go, then run this again.')
        writes[path] = "".join(lines[:at]) + read(snippet) + "".join(lines[at:])

    for verb, rest in steps:
        if verb == "copy":
            source, destination = [p.strip() for p in rest.split("->")]
            path = target(destination)
            if path.exists() or path in writes:
                fail(f"{path.relative_to(root)} exists already: pick another name (nothing was changed).")
            writes[path] = read(source)
            created.add(path)
        elif verb == "create-or-insert":
            head, *inserts = [p.strip() for p in rest.split("|")]
            source, destination = [p.strip() for p in head.split("->")]
            path = target(destination)
            if not path.exists() and path not in writes:
                writes[path] = read(source)
                created.add(path)
            for part in inserts:
                snippet, marker = re.fullmatch(r'(\S+) before "(.*)"', part).groups()
                insert(path, snippet, marker)
        elif verb in ("insert", "insert-if-created"):
            if verb == "insert-if-created":
                condition, rest = [p.strip() for p in rest.split("|", 1)]
                if target(condition) not in created:
                    continue
            snippet, destination, marker = re.fullmatch(r'(\S+) -> (\S+) before "(.*)"', rest).groups()
            path = target(destination)
            if not path.exists() and path not in writes:
                fail(f"{path.relative_to(root)} does not exist: is this a solution made from the template?")
            insert(path, snippet, marker)
        else:
            fail(f"unknown manifest step: {verb} {rest}")

    for path, text in writes.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"{'created' if path in created else 'changed'}: {path.relative_to(root)}")
    shutil.rmtree(staging)
    for text in said:
        print(text)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".new-feature")
