"""What a template may build, and how long and how large its run may be.

A template from a ``--template`` folder runs in Jinja2's immutable sandbox, which stops
it reaching Python but not from asking for a string of a billion characters
(``'x'.ljust(999999999)``, ``lipsum(100000000)``, ``'%999999999s' % 1``) or a number of
a billion digits (``((9 ** 64) ** 64) ** 64``). Every way argmap knows of building a
large value is checked *before* it is built, like ``*``: a string, list or number larger
than :data:`MAX_PRODUCT` items (or :data:`MAX_BITS` bits) is refused with the
template's own line. What no single check can see (loops in loops, a string doubled in
a chain of ``~``) is bounded by running the template in a process of its own, with a
limit on its CPU time and its memory (:class:`TemplateLimits`).
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final

from jinja2.exceptions import SecurityError
from jinja2.utils import Namespace, generate_lorem_ipsum

MAX_PRODUCT: Final = 1_000_000
"""The most items or characters a template may build in one step (``*``, ``ljust``,
``center``, ``replace``, ``join``, ``format``, ``%``, ``+`` …)."""
MAX_BITS: Final = 14_000
"""The largest number a template may make, in bits (about 4,200 digits: Python prints
numbers of up to 4,300)."""
MAX_PARAGRAPHS: Final = 100
"""The most paragraphs ``lipsum`` may write."""


@dataclass(frozen=True)
class TemplateLimits:
    """How long (CPU seconds) and how large (MiB of memory) a template folder's run may
    be; argmap's own template is not bounded (it is argmap's code)."""

    seconds: float = 30.0
    memory_mb: int = 1024


DEFAULT_LIMITS: Final = TemplateLimits()


def refuse(what: str) -> SecurityError:
    return SecurityError(f"{what} would make more than {MAX_PRODUCT:,} items")


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, str | list | tuple) else None


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``left operator right`` when its result would be too large."""
    if operator == "*":
        for seq, n in ((left, right), (right, left)):
            size = _size(seq)
            if size is not None and isinstance(n, int) and size * max(n, 0) > MAX_PRODUCT:
                raise refuse("'*'")
        both = isinstance(left, int) and isinstance(right, int)
        if both and left.bit_length() + right.bit_length() > MAX_BITS:
            raise SecurityError(f"'*' would make a number of more than {MAX_BITS:,} bits")
    elif operator == "**":
        if isinstance(left, int | float) and isinstance(right, int | float):
            if abs(right) > 64 and abs(left) > 1:
                raise SecurityError("'**' with such a large exponent is not allowed")
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and left.bit_length() * right > MAX_BITS
            ):
                raise SecurityError(f"'**' would make a number of more than {MAX_BITS:,} bits")
    elif operator == "+":
        sizes = (_size(left), _size(right))
        if None not in sizes and sum(s or 0 for s in sizes) > MAX_PRODUCT:
            raise refuse("'+'")
    elif operator == "%" and isinstance(left, str):
        _check_percent(left, right)


_PERCENT: Final = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[a-zA-Z%]")


def _check_percent(template: str, args: Any) -> None:
    """Refuse ``template % args`` whose widths or precisions would make too much."""
    total = len(template)
    for found in _PERCENT.finditer(template):
        for part in found.groups():
            if part == "*":
                raise SecurityError("'%' with a width or precision of '*' is not allowed")
            if part is not None:
                total += int(part)
    if total > MAX_PRODUCT:
        raise refuse("'%'")


def _check_format(template: str) -> None:
    """Refuse ``template.format(...)`` whose widths would make too much."""
    total = len(template)
    for _, _, spec, _ in string.Formatter().parse(template):
        if not spec:
            continue
        if "{" in spec:
            raise SecurityError("a format with a width taken from its arguments is not allowed")
        total += sum(int(n) for n in re.findall(r"\d+", spec))
    if total > MAX_PRODUCT:
        raise refuse("format")


def _check_width(width: Any, what: str) -> None:
    if isinstance(width, int) and width > MAX_PRODUCT:
        raise refuse(what)


def _check_replace(text: str, old: Any, new: Any, count: Any = -1) -> None:
    if not isinstance(old, str) or not isinstance(new, str):
        return
    times = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    if len(text) + times * (len(new) - len(old)) > MAX_PRODUCT:
        raise refuse("replace")


def _check_join(separator: str, items: list[Any]) -> None:
    total = len(separator) * max(0, len(items) - 1)
    total += sum(len(i) if isinstance(i, str) else 20 for i in items)
    if total > MAX_PRODUCT:
        raise refuse("join")


def check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Refuse a call of a string's method that would make too much; the arguments to
    call it with (an iterable to join is read once, here)."""
    owner = getattr(obj, "__self__", None)
    if not isinstance(owner, str):
        return args
    name = getattr(obj, "__name__", "")
    if name in ("ljust", "rjust", "center", "zfill") and args:
        _check_width(args[0], name)
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(size, int) and len(owner) + owner.count("\t") * size > MAX_PRODUCT:
            raise refuse(name)
    elif name == "replace" and len(args) >= 2:
        _check_replace(owner, *args[:3])
    elif name == "join" and args:
        items = list(args[0])
        _check_join(owner, items)
        return (items, *args[1:])
    return args


def check_format(value: Callable[..., str], template: str) -> Callable[..., str]:
    """``str.format`` as the sandbox wraps it, its widths checked first."""

    @functools.wraps(value)
    def checked(*args: Any, **kwargs: Any) -> str:
        _check_format(template)
        return value(*args, **kwargs)

    return checked


# -- filters and globals ----------------------------------------------------------------


def _capped(original: Callable[..., Any], check: Callable[..., None]) -> Callable[..., Any]:
    """A filter that checks its arguments first (after the context Jinja2 passes to a
    filter marked ``pass_context``, ``pass_eval_ctx`` or ``pass_environment``, whose mark
    it keeps)."""
    skip = 1 if hasattr(original, "jinja_pass_arg") else 0

    @functools.wraps(original)
    def filtered(*args: Any, **kwargs: Any) -> Any:
        check(*args[skip:], **kwargs)
        return original(*args, **kwargs)

    return filtered


def _center(value: Any, width: int = 80) -> None:
    _check_width(width, "center")


def _indent(text: Any, width: Any = 4, *args: Any, **kwargs: Any) -> None:
    lines = str(text).count("\n") + 1
    each = len(width) if isinstance(width, str) else width
    if isinstance(each, int) and lines * each + len(str(text)) > MAX_PRODUCT:
        raise refuse("indent")


def _format(value: Any, *args: Any, **kwargs: Any) -> None:
    _check_percent(str(value), args or kwargs)


def _replace(text: Any, old: Any, new: Any, count: Any = None) -> None:
    _check_replace(str(text), old, new, -1 if count is None else count)


def _slices(value: Any, count: Any = 1, *args: Any, **kwargs: Any) -> None:
    if isinstance(count, int) and count > MAX_PRODUCT:
        raise refuse("slice")


def _batch(value: Any, count: Any = 1, fill_with: Any = None) -> None:
    if isinstance(count, int) and count > MAX_PRODUCT:
        raise refuse("batch")


def capped_filters(filters: dict[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """Jinja2's filters, those that build strings or lists from a size checked first."""
    made = dict(filters)
    made["center"] = _capped(filters["center"], _center)
    made["indent"] = _capped(filters["indent"], _indent)
    made["format"] = _capped(filters["format"], _format)
    made["replace"] = _capped(filters["replace"], _replace)
    made["slice"] = _capped(filters["slice"], _slices)
    made["batch"] = _capped(filters["batch"], _batch)
    join = filters["join"]

    @functools.wraps(join)
    def joined(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> Any:
        items = list(value)
        _check_join(str(d), [str(i) if not isinstance(i, str) else i for i in items])
        return join(eval_ctx, items, d, attribute)

    made["join"] = joined
    return made


def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja2's ``lipsum``, with at most :data:`MAX_PARAGRAPHS` paragraphs of at most
    1,000 words."""
    if n > MAX_PARAGRAPHS or max > 1000:
        raise SecurityError(
            f"lipsum makes at most {MAX_PARAGRAPHS} paragraphs of at most 1,000 words"
        )
    return str(generate_lorem_ipsum(n, html, min, max))


class CappedNamespace(Namespace):
    """Jinja2's ``namespace``, refusing a value larger than :data:`MAX_PRODUCT`: a
    namespace is how a template carries a value from one turn of a loop to the next."""

    def __setitem__(self, name: str, value: Any) -> None:
        size = _size(value)
        if size is not None and size > MAX_PRODUCT:
            raise refuse("a namespace value")
        super().__setitem__(name, value)
