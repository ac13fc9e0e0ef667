"""One exception family for everything a user can get wrong."""


class PartialsError(Exception):
    """Base of every error `partials` reports to a user (exit status 2)."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\nhint: {self.hint}"

    def __reduce__(self):
        """Pickle every subclass with its fields (a budgeted worker process
        sends its error back to the caller)."""
        return _rebuilt, (type(self), self.args, self.__dict__)


class NotationError(PartialsError):
    """The text does not follow the notation; carries the spot and a caret."""

    def __init__(self, message: str, text: str, position: int | None, hint: str | None = None):
        super().__init__(message, hint)
        self.text = text
        self.position = position
        self.line, self.column = _line_and_column(text, position)

    def __str__(self) -> str:
        parts = [self.message]
        if self.position is not None:
            source_line = self.text.splitlines()[self.line - 1] if self.text.strip() else ""
            parts.append(f"  line {self.line}, column {self.column}:")
            parts.append("    " + _printable(source_line))
            parts.append("    " + " " * _display_width(source_line[: self.column - 1]) + "^")
        if self.hint:
            parts.append(f"hint: {self.hint}")
        return "\n".join(parts)


class RoleError(PartialsError):
    """The roles of the names (independent, dependent, ...) cannot be decided, or clash."""


class LimitError(PartialsError):
    """The input is larger, deeper or more expensive than `partials` accepts."""


class MathError(PartialsError):
    """The mathematics has no answer here (zero Jacobian, point outside the domain, ...)."""


def _rebuilt(cls, args, fields):
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(fields)
    return error


def _line_and_column(text: str, position: int | None) -> tuple[int, int]:
    if position is None:
        return 0, 0
    position = max(0, min(position, len(text)))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return line, column


def _printable(line: str) -> str:
    return "".join(ch if ch.isprintable() else "�" for ch in line)


def _display_width(prefix: str) -> int:
    """Columns taken by `prefix` in a terminal: CJK characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in prefix)
