"""Read a Markdown file and its YAML front matter, keeping the line of every value.

PyYAML alone drops duplicate keys silently, expands aliases without limit and reports
dates like 2026-02-30 without a line; this module checks the composed node tree first
so every problem carries the line an author must edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

FENCE = re.compile(r"^---[ \t]*$")
CLOSING_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")
CODE_FENCE = re.compile(r"^\s*(```|~~~)")
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
ALIASES_REFUSED = "YAML anchors and aliases (& and *) are not allowed; write the value out"
# libyaml's parser, when PyYAML was built with it, is several times faster. On any problem the pure Python
# parser reads the text again, for its wording of the problem. Long front matter (ordinary pages have a
# few hundred characters) goes to the pure parser only: libyaml composes nested values on the C stack,
# without Python's recursion limit.
FAST_LOADER = getattr(yaml, "CSafeLoader", None)
FAST_LOADER_LIMIT = 10_000
FAST_LOADER_DEPTH = 20  # deeper values go to the pure parser, which reports them past its recursion limit


@dataclass
class SourceFile:
    """A content file as read from disk: normalised text, its front matter and where values sit."""

    path: Path
    shown_path: str  # the path authors see in messages
    text: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line of the file where the body starts
    node: yaml.MappingNode | None = None

    def line_of(self, location: tuple[str | int, ...]) -> int:
        """The file line of the value at `location` (keys and list indexes), or of its closest parent."""
        node = self.node
        line = 1  # the opening '---': where a missing field belongs
        if node is None:
            return line
        for step in location:
            child = _child(node, step)
            if child is None:
                break
            key_node, node = child
            line = (key_node or node).start_mark.line + 2
        return line

    @cached_property
    def body_lines(self) -> list[tuple[int, str]]:
        """(file line, text) of each body line outside fenced code blocks (read by several checks)."""
        lines = list(enumerate(self.body.split("\n"), start=self.body_line))
        if "```" not in self.body and "~~~" not in self.body:
            return lines
        kept, in_code = [], False
        for number, line in lines:
            if CODE_FENCE.match(line):
                in_code = not in_code
            elif not in_code:
                kept.append((number, line))
        return kept

    def problem(self, location: tuple[str | int, ...], message: str, severity: str = "error") -> Problem:
        name = ".".join(str(step) for step in location) or "front matter"
        return Problem(self.shown_path, self.line_of(location), name, message, severity)


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == step:
                return key_node, value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return None, node.value[step]
    return None


def read_source(path: Path, shown_path: str) -> tuple[SourceFile, list[Problem]]:
    """Read, decode and split one file; return it with the problems found (an empty list when sound)."""
    source = SourceFile(path, shown_path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return source, [Problem(shown_path, 1, "file", f"cannot be read: {error.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return source, [
            Problem(
                shown_path,
                line,
                "encoding",
                f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8 (in most editors: "
                "'Save with encoding' > UTF-8)",
            )
        ]
    source.text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not source.text.strip():
        return source, [Problem(shown_path, 1, "file", "the file is empty; expected front matter between '---' lines, then the page text")]
    return source, _split(source)


def _split(source: SourceFile) -> list[Problem]:
    lines = source.text.split("\n")
    if not FENCE.match(lines[0]):
        return [
            Problem(
                source.shown_path,
                1,
                "front matter",
                "the file must start with a line '---' that opens the front matter (title, status...)",
            )
        ]
    closing = next((index for index in range(1, len(lines)) if CLOSING_FENCE.match(lines[index])), None)
    if closing is None:
        return [
            Problem(
                source.shown_path,
                1,
                "front matter",
                "the front matter opened on line 1 is never closed; add a line '---' after its last field",
            )
        ]
    yaml_text = "\n".join(lines[1:closing]) + "\n"
    source.body = "\n".join(lines[closing + 1 :])
    source.body_line = closing + 2
    return _parse_yaml(source, yaml_text)


def _parse_yaml(source: SourceFile, yaml_text: str) -> list[Problem]:
    problems = _parse_yaml_fast(source, yaml_text) if FAST_LOADER and len(yaml_text) <= FAST_LOADER_LIMIT else None
    return problems if problems is not None else _parse_yaml_pure(source, yaml_text)


def _parse_yaml_fast(source: SourceFile, yaml_text: str) -> list[Problem] | None:
    """libyaml's reading; None when it meets a problem the pure parser must word, or values nested deep."""
    try:
        loader = FAST_LOADER(yaml_text)
    except yaml.YAMLError:
        return None
    try:
        node = loader.get_single_node()
        if node is not None and _depth(node) > FAST_LOADER_DEPTH:
            return None
        return _read_node(source, loader, node)
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()


def _parse_yaml_pure(source: SourceFile, yaml_text: str) -> list[Problem]:
    """PyYAML's pure Python parser: slower than libyaml, but every problem it meets is worded with its line."""
    try:
        loader = yaml.SafeLoader(yaml_text)
    except yaml.reader.ReaderError as error:  # a control character, before any parsing
        line = yaml_text[: error.position].count("\n") + 2
        return [
            Problem(
                source.shown_path,
                line,
                "front matter",
                f"the invisible control character U+{error.character:04X} is not allowed in front matter; delete it and retype the line",
            )
        ]
    try:
        return _read_node(source, loader, loader.get_single_node())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 1
        what = error.problem or "invalid YAML"
        if error.context and error.context_mark and error.context_mark.line + 2 != line:
            what += f" ({error.context} on line {error.context_mark.line + 2})"
        return [
            Problem(
                source.shown_path,
                line,
                "front matter",
                f"YAML syntax error: {what}; check the indentation, close brackets and quotes, and quote values that contain ': ' or ' #'",
            )
        ]
    except RecursionError:  # PyYAML composes nested values recursively
        return [
            Problem(
                source.shown_path,
                loader.get_mark().line + 2,
                "front matter",
                "values are nested hundreds of levels deep; expected at most a few levels, as in the page templates",
            )
        ]
    finally:
        loader.dispose()


def _read_node(source: SourceFile, loader: yaml.SafeLoader, node: yaml.Node | None) -> list[Problem]:
    """The front matter's problems; without any, its node and values are kept on `source`."""
    if node is None:
        return [Problem(source.shown_path, 1, "front matter", "the front matter is empty; expected at least 'title:' and 'status:'")]
    if not isinstance(node, yaml.MappingNode):
        return [
            Problem(
                source.shown_path,
                node.start_mark.line + 2,
                "front matter",
                "expected 'field: value' lines, found a single value or a list",
            )
        ]
    problems = _check_nodes(source, node)
    if not problems:
        source.node = node
        source.meta = loader.construct_document(node)
    return problems


def _depth(root: yaml.Node) -> int:
    # Each node once: an alias shares its anchor's node, and nested aliases would be walked exponentially
    # often (a "billion laughs" file); _check_nodes then refuses them.
    deepest, stack, seen = 0, [(root, 1)], set()
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        deepest = max(deepest, depth)
        if isinstance(node, yaml.MappingNode):
            stack.extend((value, depth + 1) for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
    return deepest


def _check_nodes(source: SourceFile, root: yaml.Node) -> list[Problem]:
    """Duplicate keys, aliases and impossible dates, found before anything is constructed."""
    problems: list[Problem] = []
    seen: set[int] = set()
    # (node, field path, line of its key): an alias shares its anchor's node, so its own line is its key's.
    stack: list[tuple[yaml.Node, str, int]] = [(root, "", root.start_mark.line + 2)]
    while stack:
        node, name, line = stack.pop()
        if id(node) in seen:
            # Reject aliases: they can multiply a small file into a huge document. The first is enough to say so.
            if not any(problem.message == ALIASES_REFUSED for problem in problems):
                problems.append(Problem(source.shown_path, line, name or "front matter", ALIASES_REFUSED))
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: dict[str, int] = {}
            children = []
            for key_node, value_node in node.value:
                key = str(key_node.value)
                child = f"{name}.{key}" if name else key
                key_line = key_node.start_mark.line + 2
                if key in keys:
                    problems.append(Problem(source.shown_path, key_line, child, f"'{key}' is given twice (first on line {keys[key]}); keep one"))
                keys.setdefault(key, key_line)
                children.append((value_node, child, key_line))
            stack.extend(reversed(children))  # document order: the anchor is met before its aliases
        elif isinstance(node, yaml.SequenceNode):
            # An item already seen is an alias: its node's mark is the anchor's, so name the sequence's line.
            items = [(item, f"{name}.{index}", line if id(item) in seen else item.start_mark.line + 2) for index, item in enumerate(node.value)]
            stack.extend(reversed(items))
        elif node.tag == TIMESTAMP_TAG:
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except ValueError as error:
                problems.append(
                    Problem(source.shown_path, node.start_mark.line + 2, name, f"'{node.value}' is not a real date ({error}); expected YYYY-MM-DD")
                )
    return problems
