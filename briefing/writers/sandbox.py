"""The Jinja sandbox a project's templates run in, with bounds on what they may build.

Jinja's immutable sandbox keeps a template away from Python's internals, but
not from arithmetic: ``{{ 'a' * 10**10 }}`` asks for 10 GB and gets the
render killed by the kernel, and ``{{ 9 ** 9 ** 9 }}`` computes for minutes.
So a template here may not repeat a string or list past
:data:`MAX_REPEATED_ITEMS` items, nor raise a number past
:data:`MAX_POWER_BITS` bits (both :class:`~jinja2.sandbox.SecurityError`,
reported as "the template tried something a template may not do"). Every
other way to ask for memory (``'a'|center(10**10)``, a format width) runs
under :func:`memory_ceiling`: the render may use at most
:data:`TEMPLATE_MEMORY` more bytes than it had, so a huge request fails as a
:class:`MemoryError`, which the HTML writer reports naming the template.
"""
from __future__ import annotations

import contextlib
import math
import os
from typing import Any, Iterator

from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

MAX_REPEATED_ITEMS = 10_000_000        # characters of a repeated string, or items of a repeated list
MAX_POWER_BITS = 100_000               # about 30,000 digits
TEMPLATE_MEMORY = 2 * 1024 ** 3        # bytes a template render may add to the process


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with ``*`` on sequences and ``**`` bounded."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """``left OPERATOR right``, refused when it would build something far larger than any page."""
        if operator == "*":
            for items, times in ((left, right), (right, left)):
                if isinstance(items, (str, list, tuple)) and isinstance(times, int) \
                        and len(items) * times > MAX_REPEATED_ITEMS:
                    raise SecurityError(f"repeating {len(items):,} items {times:,} times builds more than "
                                        f"{MAX_REPEATED_ITEMS:,}, far more than any page holds")
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1 \
                and right * math.log2(abs(left)) > MAX_POWER_BITS:
            raise SecurityError(f"{left} ** {right} has more than {MAX_POWER_BITS:,} bits")
        return super().call_binop(context, operator, left, right)


@contextlib.contextmanager
def memory_ceiling(extra: int = TEMPLATE_MEMORY) -> Iterator[None]:
    """While inside, the process may map at most ``extra`` more bytes (Linux; elsewhere no limit).

    The soft address-space limit is lowered for the duration and restored
    after, so a template asking for gigabytes gets a :class:`MemoryError`
    instead of the kernel's out-of-memory kill.
    """
    try:
        import resource

        with open("/proc/self/statm", "rb") as handle:
            mapped = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError, IndexError):
        yield
        return
    ceiling = mapped + extra
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    if soft != resource.RLIM_INFINITY and soft <= ceiling:
        yield                              # already limited at least as tightly
        return
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
