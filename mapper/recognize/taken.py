"""Which characters of an article its mentions already cover.

Every recognition step that adds mentions asks whether a new span overlaps one found before.
Asking each earlier mention in turn is quadratic, and a hostile paragraph of thousands of
place names made that the slowest step; one mark per character keeps it linear in the text.
"""

from __future__ import annotations

from collections.abc import Iterable

from mapper.model import Mention


class Taken:
    def __init__(self, text_length: int, mentions: Iterable[Mention] = ()):
        self._marks = bytearray(text_length)
        for m in mentions:
            self.add(m.start, m.end)

    def add(self, start: int, end: int) -> None:
        self._marks[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self._marks.find(1, start, end) != -1
