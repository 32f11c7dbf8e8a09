#!/usr/bin/env python3
"""Checks the rules of the house that a compiler cannot see, so a change that breaks one fails CI.

1. Layers: core/ (the domain's words and shared utilities) includes only itself, and its CMake
   target links no target of ours; channels/, classifier/ and media/ include themselves and
   core/; storage/ includes itself, core/ and media/ (blob bytes); gateway/ may include
   everything. Nothing includes gateway/ but gateway/ and tests.
2. The gateway never names a channel: what differs between channels is declared in the
   channel's own folder (ChannelTraits, MediaFetcher), so adding a channel touches one folder.
3. No include cycle between modules (a .h and its .cc count as one module).
4. Comments say why, never which issue or ticket of the tracker brought the code.
5. Gateway rooms (gateway/<room>/) include only the rooms their CMake target links: the
   `target_link_libraries(aduan_gateway_<room> ...)` line in gateway/<room>/CMakeLists.txt is
   the one statement of what a room may use. The build runs this part (--rooms-only) before
   compiling the gateway, so a wrong arrow fails the build.

Usage: check_architecture.py [--rooms-only] REPO_ROOT. Prints every violation; exits 1 when
there is one.
"""
import collections
import os
import re
import sys

ALLOWED = {
    "core": {"core"},
    "channels": {"channels", "core"},
    "classifier": {"classifier", "core"},
    "media": {"media", "core"},
    "storage": {"storage", "media", "core"},
    "gateway": {"gateway", "channels", "classifier", "storage", "media", "core"},
}
CHANNEL_NAMES = re.compile(r'"(whatsapp|telegram|twilio|mailgun|sendgrid|generic|sms)"')
ISSUE_REFERENCE = re.compile(r"//.*\b[Ii]ssues? #?\d+|//.*#\d{1,3}\b")
INCLUDE = re.compile(r'^\s*#include "([^"]+)"', re.M)


def sources(root):
    for top in ALLOWED:
        for folder, _, names in os.walk(os.path.join(root, top)):
            for name in names:
                if name.endswith((".h", ".cc")):
                    path = os.path.relpath(os.path.join(folder, name), root)
                    yield path, name.endswith("_test.cc") or "/testdata/" in path


def module(path):
    return path.rsplit(".", 1)[0]


def find_cycles(graph):
    """Tarjan's strongly connected components; returns those with more than one module."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(100000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


ROOM_LINK = re.compile(r"target_link_libraries\(\s*aduan_gateway_(\w+)([^)]*)\)", re.S)


def room_links(root):
    """Maps each gateway room to the set of rooms its CMake target links (itself included)."""
    rooms = {}
    gateway = os.path.join(root, "gateway")
    for room in sorted(os.listdir(gateway)):
        cmake = os.path.join(gateway, room, "CMakeLists.txt")
        if not os.path.isfile(cmake):
            continue
        with open(cmake, encoding="utf-8") as f:
            text = f.read()
        links = {room}
        for name, body in ROOM_LINK.findall(text):
            if name == room:
                links |= set(re.findall(r"aduan_gateway_(\w+)", body))
        rooms[room] = links
    return rooms


def room_problems(root, files):
    rooms = room_links(root)
    problems = []
    for path, is_test in sorted(files.items()):
        parts = path.split("/")
        if parts[0] != "gateway" or is_test:
            continue
        if len(parts) < 3 or parts[1] not in rooms:
            problems.append(f"{path}: every gateway file lives in a room (gateway/<room>/)")
            continue
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
            text = f.read()
        for included in INCLUDE.findall(text):
            target = included.split("/")
            if target[0] != "gateway":
                continue
            if len(target) < 3 or target[1] not in rooms:
                problems.append(f"{path}: includes {included}, which is in no room")
            elif target[1] not in rooms[parts[1]]:
                problems.append(
                    f"{path}: room {parts[1]} may not include {included} "
                    f"(gateway/{parts[1]}/CMakeLists.txt does not link aduan_gateway_{target[1]})")
    return problems


CMAKE_LINK = re.compile(r"target_link_libraries\(\s*aduan_core\b([^)]*)\)", re.S)


def core_link_problems(root):
    """core/ is the bottom layer: its target may link third-party libraries, never one of ours."""
    with open(os.path.join(root, "core", "CMakeLists.txt"), encoding="utf-8") as f:
        text = f.read()
    return [f"core/CMakeLists.txt: aduan_core links {name}, but core depends on nothing of ours"
            for body in CMAKE_LINK.findall(text) for name in re.findall(r"\baduan_\w+", body)]


def main():
    args = [a for a in sys.argv[1:] if a != "--rooms-only"]
    root = args[0] if args else "."
    if "--rooms-only" in sys.argv[1:]:
        problems = room_problems(root, dict(sources(root)))
        for p in problems:
            print(p)
        return 1 if problems else 0
    problems = []
    graph = collections.defaultdict(set)
    files = dict(sources(root))
    for path, is_test in sorted(files.items()):
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
            text = f.read()
        top = path.split("/", 1)[0]
        for number, line in enumerate(text.splitlines(), 1):
            if ISSUE_REFERENCE.search(line):
                problems.append(f"{path}:{number}: a comment names an issue: {line.strip()}")
            if top == "gateway" and not is_test and CHANNEL_NAMES.search(line):
                problems.append(f"{path}:{number}: the gateway names a channel: {line.strip()}")
        for included in INCLUDE.findall(text):
            target_top = included.split("/", 1)[0]
            if not is_test and target_top in ALLOWED and target_top not in ALLOWED[top]:
                problems.append(f"{path}: {top}/ may not include {included}")
            if included in files and module(included) != module(path):
                graph[module(path)].add(module(included))
    problems += room_problems(root, files)
    problems += core_link_problems(root)
    for cycle in find_cycles(graph):
        # A backend's .cc files sharing one internal header with the backend class is one unit
        # split for size, not a cycle between ideas.
        if all("/sqlite/" in m for m in cycle) or all("/postgres/" in m for m in cycle):
            continue
        problems.append("include cycle: " + " -> ".join(cycle))
    for p in problems:
        print(p)
    print(f"{len(files)} files checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
