"""Safe YAML reading that remembers the line of every mapping key and list item.

Only plain data is built (SafeConstructor semantics), so tags such as
`!!python/object` are refused.
"""

from __future__ import annotations

from typing import Any

import yaml

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class YamlError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class Map(dict):
    """A mapping that knows its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]


class Seq(list):
    """A list that knows its own line and the line of each item."""

    line: int
    item_lines: list[int]


_scalars = yaml.constructor.SafeConstructor()
_IN_PROGRESS = object()


_PLAIN_TAGS = {
    yaml.MappingNode: "tag:yaml.org,2002:map",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
}


def _build(node: yaml.Node, built: dict[int, Any]) -> Any:
    """Plain data for `node`. An alias is the same node met again: it gets the value
    already built, so nested aliases cost nothing and a node inside itself is refused."""
    line = node.start_mark.line + 1
    if id(node) in built:
        value = built[id(node)]
        if value is _IN_PROGRESS:
            raise YamlError(line, "a YAML alias refers to the node that contains it")
        return value
    expected_tag = _PLAIN_TAGS.get(type(node))
    if expected_tag is not None and node.tag != expected_tag:
        raise YamlError(line, f"unsupported YAML tag '{node.tag}'")
    built[id(node)] = _IN_PROGRESS
    if isinstance(node, yaml.MappingNode):
        result: Any = Map()
        result.line = line
        result.key_lines = {}
        _scalars.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = _build(key_node, built)
            if not isinstance(key, str):
                raise YamlError(key_node.start_mark.line + 1, f"mapping key {key!r} is not text")
            if key in result:
                raise YamlError(key_node.start_mark.line + 1, f"duplicate key '{key}'")
            result[key] = _build(value_node, built)
            result.key_lines[key] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        result = Seq(_build(item, built) for item in node.value)
        result.line = line
        result.item_lines = [item.start_mark.line + 1 for item in node.value]
    else:
        try:
            result = _scalars.construct_object(node, deep=True)
        except yaml.YAMLError as error:
            raise YamlError(line, str(error).splitlines()[0]) from None
    built[id(node)] = result
    return result


def load(text: str) -> Any:
    """Parse one YAML document into Map/Seq/scalars, or raise YamlError."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(line, f"invalid YAML: {error.problem or error}") from None
    except yaml.YAMLError as error:
        raise YamlError(1, f"invalid YAML: {error}") from None
    if node is None:
        return None
    return _build(node, {})
