"""Rewrite a debate's YAML in canonical form, keeping its comments (``argmap fmt``).

ruamel.yaml reads the file as a tree that remembers comments (the ``yaml-language-server``
line included); the tree is then brought in step with the canonical data: keys in
canonical order, values changed only where they differ (so block text keeps its style),
what canonical form leaves out removed. argmap's own reader (:mod:`.yaml_source`) stays
the one ``check`` uses: it is several times faster and keeps source positions.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)  # "  - id: …", as argmap new writes
    yaml.width = 88
    yaml.preserve_quotes = True
    yaml.allow_unicode = True
    return yaml


def _same(old: Any, new: Any) -> bool:
    """Whether the value read (``old``) already says ``new`` (a date read as a date is
    the same as its ISO text; a block string the same as its text)."""
    if isinstance(old, dt.date) and isinstance(new, str):
        return old.isoformat() == new
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    return bool(old == new)


def _sync(node: Any, canon: Any) -> Any:
    """``node`` (read with comments) brought in step with ``canon`` (plain data)."""
    if isinstance(canon, list) and len(canon) == 1 and _same(node, canon[0]):
        return node  # one id written alone ('supports: go') means the list of it
    if isinstance(canon, dict) and isinstance(node, CommentedMap):
        for key in [k for k in node if k not in canon]:
            del node[key]
        for key, value in canon.items():
            node[key] = _sync(node[key], value) if key in node else value
        for key in canon:  # canonical order; comments travel with their keys
            node.move_to_end(key)
        return node
    if isinstance(canon, list) and isinstance(node, CommentedSeq):
        while len(node) > len(canon):
            node.pop()
        for i, value in enumerate(canon):
            if i < len(node):
                node[i] = _sync(node[i], value)
            else:
                node.append(value)
        return node
    return node if _same(node, canon) else canon


def rewrite(text: str, canon: dict[str, Any]) -> str:
    """``text`` (a debate's YAML) rewritten as ``canon`` says, its comments kept."""
    yaml = _yaml()
    tree = yaml.load(text)
    if not isinstance(tree, CommentedMap):
        tree = CommentedMap()
    _sync(tree, canon)
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()
