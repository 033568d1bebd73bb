"""Front matter written as the project's files are: text in double quotes, codes and numbers bare, short
lists and groups of numbers on one line, nested lists indented. An edit made in the editor then shows in a
pull request as the lines it changed, not as the whole file rewritten."""

from __future__ import annotations

import yaml

from .model import FormField


class Quoted(str):
    """Free text, written in double quotes."""


class Flow(list):
    """A list of codes or numbers, written on one line: [probation, release]."""


class FlowGroup(dict):
    """A group of numbers, written on one line: {start: 2017, end: 2019}."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


_Dumper.add_representer(
    Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
)
_Dumper.add_representer(
    Flow, lambda dumper, value: dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)
)
_Dumper.add_representer(
    FlowGroup, lambda dumper, value: dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)
)


def dump(meta: dict) -> str:
    return yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def styled(value: object, field: FormField, *, bare: bool) -> object:
    """`value` of `field` marked with the style it is written in; `bare`: text written without quotes."""
    kind = field.type.kind
    if field.type.many and kind != "group" and isinstance(value, list):
        return Flow(value)
    if (
        kind == "group"
        and not field.type.many
        and isinstance(value, dict)
        and all(isinstance(item, (int, float)) for item in value.values())
    ):
        return FlowGroup(value)
    if kind == "text" and isinstance(value, str) and not bare:
        return Quoted(value)
    return value
