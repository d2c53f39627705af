"""Counting the work a piece of code does, so that tests can prove it linear without a clock.

Two counts, both deterministic:
- the lines of Python executed (every frame, ours and the libraries'), through sys.settrace;
- the characters handed to the regular-expression engine by the modules under test: every
  compiled pattern in them and their `re` module are swapped for counting proxies, so a
  search over "everything before this match" is counted for what it scans, not once.

A linear step doubles both counts when its input doubles; a quadratic one quadruples them.
"""

import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass

import pytest


@dataclass
class Work:
    lines: int = 0
    scanned: int = 0

    def __str__(self):
        return f"{self.lines:,} lines of Python, {self.scanned:,} characters scanned by regexes"


class _CountingPattern:
    """A compiled pattern that adds the characters each call may scan to `work.scanned`."""

    # Methods taking (string, pos, endpos) and those taking the string second or first.
    _SCANNING = frozenset({"search", "match", "fullmatch", "finditer", "findall"})
    _REPLACING = frozenset({"sub", "subn"})

    def __init__(self, pattern, work):
        self._pattern = pattern
        self._work = work

    def _count(self, string, pos=0, endpos=None):
        end = len(string) if endpos is None else min(endpos, len(string))
        self._work.scanned += max(0, end - pos)

    def __getattr__(self, name):
        method = getattr(self._pattern, name)
        if name in self._SCANNING:

            def scanning(string, *args):
                self._count(string, *args)
                return method(string, *args)

            return scanning
        if name in self._REPLACING:

            def replacing(repl, string, count=0):
                self._count(string)
                return method(repl, string, count)

            return replacing
        if name == "split":

            def splitting(string, maxsplit=0):
                self._count(string)
                return method(string, maxsplit)

            return splitting
        return method


class _CountingRe:
    """The `re` module as a module under test sees it: patterns it compiles count too."""

    def __init__(self, work):
        self._work = work

    def compile(self, pattern, flags=0):
        return _CountingPattern(re.compile(pattern, flags), self._work)

    def __getattr__(self, name):
        if name in _CountingPattern._SCANNING or name == "split":
            return lambda pattern, string, *args, flags=0: getattr(
                self.compile(pattern, flags), name
            )(string, *args)
        if name in _CountingPattern._REPLACING:
            return lambda pattern, repl, string, count=0, flags=0: getattr(
                self.compile(pattern, flags), name
            )(repl, string, count)
        return getattr(re, name)


@contextmanager
def counted_work(*modules):
    """Count the work done inside the block; regexes are counted in `modules`."""
    work = Work()
    patch = pytest.MonkeyPatch()
    for module in modules:
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                patch.setattr(module, name, _CountingPattern(value, work))
            elif value is re:
                patch.setattr(module, name, _CountingRe(work))

    def trace(frame, event, arg):
        if event == "line":
            work.lines += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        yield work
    finally:
        sys.settrace(previous)
        patch.undo()


# Doubling the input of linear work doubles its count; quadratic work quadruples it. The
# bound leaves room for fixed costs (queries, set-up) that shrink the ratio, never grow it.
LINEAR_RATIO = 2.6


def assert_linear(measure, size, *modules):
    """`measure(n)` runs the work for an input of size n; its counts at 2n stay linear.

    A first run at size n warms what is done once per process (imports, caches), so the
    counts compare the work that grows with the input."""
    measure(size)
    with counted_work(*modules) as small:
        measure(size)
    with counted_work(*modules) as large:
        measure(2 * size)
    for name in ("lines", "scanned"):
        before, after = getattr(small, name), getattr(large, name)
        assert after <= LINEAR_RATIO * max(before, 1), (
            f"{name}: {before:,} at {size:,}, {after:,} at {2 * size:,} ({small} → {large})"
        )
    return small, large
