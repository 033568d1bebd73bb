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

from .messages import Message, message
from .problems import Problem

FENCE = re.compile(r"^---[ \t]*$")
CLOSING_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")
CODE_FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")  # an ATX heading: '## Context', '## Context ##'
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # C0 controls but tab and line ends, and DEL
ALIASES_REFUSED = "YAML anchors and aliases (& and *) are not allowed; write the value out"
# libyaml's parser, when PyYAML was built with it, is several times faster. On any problem the pure Python
# parser reads the text again, for its wording of the problem. Long front matter (ordinary pages have a
# few hundred characters) goes to the pure parser only: libyaml composes nested values on the C stack,
# without Python's recursion limit.
FAST_LOADER = getattr(yaml, "CSafeLoader", None)
FAST_LOADER_LIMIT = 10_000
FAST_LOADER_DEPTH = 20  # deeper values go to the pure parser, which reports them past its recursion limit
Location = tuple[str | int, ...]  # where a value sits in the front matter: keys and list indexes


@dataclass
class SourceFile:
    """A content file as read from disk: normalised text, its front matter and where values sit."""

    path: Path
    shown_path: str  # the path authors see in messages
    front_matter: str = ""  # its YAML text
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line of the file where the body starts
    lines: dict[Location, int] = field(default_factory=dict)  # file line of each front matter value

    def line_of(self, location: Location) -> int:
        """The file line of the value at `location` (keys and list indexes), or of its closest parent."""
        for end in range(len(location), 0, -1):
            if location[:end] in self.lines:
                return self.lines[location[:end]]
        return 1  # the opening '---': where a missing field belongs

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

    @cached_property
    def headings(self) -> list[tuple[int, int, str]]:
        """(file line, level, text) of each heading of the body (the sections checked, the anchors linked to)."""
        return [
            (number, len(match.group(1)), match.group(2))
            for number, line in self.body_lines
            if (match := HEADING.match(line))
        ]

    def __getstate__(self) -> dict[str, Any]:
        # Sent between processes (guidebook/forkmap.py) without the caches, quicker to compute again than to send.
        return {name: value for name, value in self.__dict__.items() if name not in ("body_lines", "headings")}

    def problem(self, location: Location, said: str | Message, severity: str = "error") -> Problem:
        return Problem.of(self.shown_path, self.line_of(location), _name(location) or "front matter", said, severity)


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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return source, [
            Problem(
                shown_path,
                1,
                "file",
                "the file is empty; expected front matter between '---' lines, then the page text",
            )
        ]
    return source, _split(source, text)


def front_matter_node(source: SourceFile) -> yaml.MappingNode:
    """The front matter of a file read without problems, composed again: for commands that edit it in place."""
    node = yaml.compose(source.front_matter, Loader=yaml.SafeLoader)
    if not isinstance(node, yaml.MappingNode):
        raise ValueError(f"{source.shown_path}: its front matter was not read without problems")
    return node


def _split(source: SourceFile, text: str) -> list[Problem]:
    lines = text.split("\n")
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
    source.front_matter = "\n".join(lines[1:closing]) + "\n"
    source.body = "\n".join(lines[closing + 1 :])
    source.body_line = closing + 2
    return _body_characters(source) + _parse_yaml(source, source.front_matter)


def _body_characters(source: SourceFile) -> list[Problem]:
    """Invisible control characters in the page text (a NUL would reach the page): the first of each line."""
    if not CONTROL.search(source.body):
        return []
    return [
        Problem(
            source.shown_path,
            number,
            "body",
            f"the invisible control character U+{ord(match.group(0)):04X} is not allowed in page text; delete it and retype the line",
        )
        for number, line in enumerate(source.body.split("\n"), start=source.body_line)
        if (match := CONTROL.search(line))
    ]


def _parse_yaml(source: SourceFile, yaml_text: str) -> list[Problem]:
    problems = _parse_yaml_fast(source, yaml_text) if len(yaml_text) <= FAST_LOADER_LIMIT else None
    return problems if problems is not None else _parse_yaml_pure(source, yaml_text)


def _parse_yaml_fast(source: SourceFile, yaml_text: str) -> list[Problem] | None:
    """libyaml's reading; None without libyaml, when it meets a problem the pure parser must word, or values nested deep."""
    if FAST_LOADER is None:
        return None
    try:
        loader = FAST_LOADER(yaml_text)
    except yaml.YAMLError:
        return None
    try:
        return _read_node(source, loader, loader.get_single_node(), FAST_LOADER_DEPTH)
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
        return _read_node(source, loader, loader.get_single_node()) or []  # None only past a max_depth
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


def _read_node(
    source: SourceFile, loader: yaml.SafeLoader, node: yaml.Node | None, max_depth: int | None = None
) -> list[Problem] | None:
    """The front matter's problems; without any, its values and their lines are kept on `source`.

    None when the values nest deeper than `max_depth`.
    """
    if node is None:
        return [
            Problem(
                source.shown_path,
                1,
                "front matter",
                "the front matter is empty; expected at least 'title:' and 'status:'",
            )
        ]
    if not isinstance(node, yaml.MappingNode):
        return [
            Problem(
                source.shown_path,
                node.start_mark.line + 2,
                "front matter",
                "expected 'field: value' lines, found a single value or a list",
            )
        ]
    problems, lines, depth = _check_nodes(source, node)
    if max_depth is not None and depth > max_depth:
        return None
    if not problems:
        source.lines = lines
        source.meta = loader.construct_document(node)
    return problems


def _check_nodes(source: SourceFile, root: yaml.Node) -> tuple[list[Problem], dict[Location, int], int]:
    """Duplicate keys, aliases and impossible dates, found before anything is constructed.

    Also the file line of every value by its location, and how deep values nest. Each node is visited
    once: an alias shares its anchor's node, and nested aliases would be walked exponentially often
    (a "billion laughs" file).
    """
    problems: list[Problem] = []
    lines: dict[Location, int] = {}
    deepest = 1
    seen: set[int] = set()
    # (node, location, line of its key, depth): an alias shares its anchor's node, so its own line is its key's.
    stack: list[tuple[yaml.Node, Location, int, int]] = [(root, (), root.start_mark.line + 2, 1)]
    while stack:
        node, location, line, depth = stack.pop()
        if id(node) in seen:
            # Reject aliases: they can multiply a small file into a huge document. The first is enough to say so.
            if not any(problem.message == ALIASES_REFUSED for problem in problems):
                problems.append(Problem(source.shown_path, line, _name(location) or "front matter", ALIASES_REFUSED))
            continue
        seen.add(id(node))
        deepest = max(deepest, depth)
        if location:
            lines[location] = line
        if isinstance(node, yaml.MappingNode):
            keys: dict[str, int] = {}
            children = []
            for key_node, value_node in node.value:
                key = str(key_node.value)
                key_line = key_node.start_mark.line + 2
                if key in keys:
                    twice = f"'{key}' is given twice (first on line {keys[key]}); keep one"
                    problems.append(Problem(source.shown_path, key_line, _name((*location, key)), twice))
                keys.setdefault(key, key_line)
                children.append((value_node, (*location, key), key_line, depth + 1))
            stack.extend(reversed(children))  # document order: the anchor is met before its aliases
        elif isinstance(node, yaml.SequenceNode):
            # An item already seen is an alias: its node's mark is the anchor's, so name the sequence's line.
            items = [
                (item, (*location, index), line if id(item) in seen else item.start_mark.line + 2, depth + 1)
                for index, item in enumerate(node.value)
            ]
            stack.extend(reversed(items))
        elif isinstance(node, yaml.ScalarNode) and node.tag == TIMESTAMP_TAG:
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except ValueError as error:
                wrong = message("not_a_real_day", value=node.value, reason=str(error))
                problems.append(Problem.of(source.shown_path, node.start_mark.line + 2, _name(location), wrong))
    return problems, lines, deepest


def _name(location: Location) -> str:
    """A field's name as messages give it: 'period.start', 'approaches.0'."""
    return ".".join(str(step) for step in location)
