"""Text that remembers, for every character, its column in the pasted original.

A normalising pass rewrites `\\frac{a}{b}` as `((a)/(b))`; an error found in
the rewritten text must still put its caret under the original character.
`Mapped` pairs a string with one origin per character (an index into the
original text); every rewrite builds a new Mapped whose inserted characters
take the origin of what they replace.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Mapped:
    text: str
    origins: tuple  # origins[i] = index in the original of text[i]
    end: int  # the original index just past the end

    @classmethod
    def of(cls, text: str) -> Mapped:
        return cls(text, tuple(range(len(text))), len(text))

    def __len__(self) -> int:
        return len(self.text)

    def origin(self, position: int | None) -> int | None:
        """The original index of a position in this text (the end maps to the end)."""
        if position is None:
            return None
        if position >= len(self.origins):
            return self._after_last()
        return self.origins[max(position, 0)]

    def _after_last(self) -> int:
        return self.origins[-1] + 1 if self.origins else self.end

    def slice(self, start: int, stop: int) -> Mapped:
        end = self.origins[stop] if stop < len(self.origins) else self._after_last()
        return Mapped(self.text[start:stop], self.origins[start:stop], end)

    def strip(self) -> Mapped:
        start = len(self.text) - len(self.text.lstrip())
        stop = len(self.text.rstrip())
        return self.slice(start, max(start, stop))

    def sub(self, pattern, replacement) -> Mapped:
        """re.sub where `replacement` is a template (\\1 keeps a group's origins;
        other characters take the origin of the match) or a function of the
        match returning such a template."""
        pattern = re.compile(pattern) if isinstance(pattern, str) else pattern
        builder = Builder(self.end)
        last = 0
        for match in pattern.finditer(self.text):
            builder.copy(self, last, match.start())
            template = replacement(match) if callable(replacement) else replacement
            _expand(builder, self, match, template)
            last = match.end()
        builder.copy(self, last, len(self.text))
        return builder.build()

    def translate(self, table: dict) -> Mapped:
        """Character by character (each output character keeps its origin)."""
        builder = Builder(self.end)
        for character, origin in zip(self.text, self.origins):
            builder.add(table.get(character, character), origin)
        return builder.build()


class Builder:
    def __init__(self, end: int):
        self.characters: list = []
        self.origins: list = []
        self.end = end

    def add(self, text: str, origin: int) -> None:
        self.characters.append(text)
        self.origins.extend([origin] * len(text))

    def copy(self, mapped: Mapped, start: int, stop: int) -> None:
        self.characters.append(mapped.text[start:stop])
        self.origins.extend(mapped.origins[start:stop])

    def extend(self, mapped: Mapped) -> None:
        self.copy(mapped, 0, len(mapped.text))

    def build(self) -> Mapped:
        return Mapped("".join(self.characters), tuple(self.origins), self.end)


_GROUP = re.compile(r"\\(\d)")


def _expand(builder: Builder, mapped: Mapped, match, template: str) -> None:
    anchor = mapped.origins[match.start()] if match.start() < len(mapped.origins) else mapped.end
    last = 0
    for group in _GROUP.finditer(template):
        builder.add(template[last:group.start()], anchor)
        number = int(group.group(1))
        if match.group(number) is not None:
            builder.copy(mapped, match.start(number), match.end(number))
        last = group.end()
    builder.add(template[last:], anchor)


def join(pieces, separator: str = ", ", end: int = 0) -> Mapped:
    """Mapped pieces joined; separators take the origin of the piece after them."""
    builder = Builder(end)
    for k, piece in enumerate(pieces):
        if k:
            builder.add(separator, piece.origins[0] if piece.origins else piece.end)
        builder.extend(piece)
    built = builder.build()
    return Mapped(built.text, built.origins, max(end, pieces[-1].end) if pieces else end)
