"""Numbers as they stand in a quoted source text.

The catalog checks each printed value against these tokens, and `add-result` reads values from them, so a
number is copied by a program rather than retyped. A value matches a token written with the same digits and
the same decimals: 86.2 does not match a printed 86.20, because the list shows every number with the
decimals its source printed (a leading zero is not a decimal: .713 matches 0.713).

Whatever surrounds a number does not matter (`**86.2**`, `\\textbf{86.2}`, `86.2$^\\dagger$`, `86.2\\%`,
`24.5fps`); HTML entities are decoded first (`&minus;1.2`, `86&#46;2`). A minus sign (hyphen, U+2212 or an
en dash) right before a number makes it negative unless a letter or digit stands before the sign: `-1.2`,
`(&minus;1.2)` and `$-1.2$` are negative, `3-5` and `R-50` are not. A negative token also matches its digits
without the sign.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from decimal import Decimal

_NUMBER = re.compile(r"(?<![\d.])(?:\d+(?:\.\d+)?|\.\d+)")
MINUS = frozenset("-\u2212\u2013")


@dataclass(frozen=True, slots=True)
class Token:
    """One number in a text: its digits as printed and whether a minus sign stands right before it."""

    text: str
    negative: bool

    @property
    def value(self) -> Decimal:
        """The number with its printed decimals (Decimal keeps them: 86.20 stays 86.20)."""
        number = Decimal(self.text)
        return -number if self.negative else number


def tokens(text: str) -> list[Token]:
    """Every number in `text`, in order."""
    plain = html.unescape(text)
    return [Token(found.group(), _signed(plain, found.start())) for found in _NUMBER.finditer(plain)]


def _signed(text: str, start: int) -> bool:
    """Whether a minus sign, not joined to a word or number before it, stands right before `start`."""
    return start > 0 and text[start - 1] in MINUS and (start < 2 or not text[start - 2].isalnum())


def printed(value: Decimal) -> str:
    """The canonical text of a number: its digits and decimals, no exponent (Decimal('.713') -> '0.713')."""
    return format(value, "f")


@dataclass(frozen=True, slots=True)
class Printed:
    """The numbers of one quote, ready for many look-ups."""

    forms: frozenset[str]
    values: tuple[Decimal, ...]

    @classmethod
    def of(cls, quote: str) -> Printed:
        """Read the numbers of `quote` once."""
        found = tokens(quote)
        forms = {printed(Decimal(token.text)) for token in found}
        forms |= {printed(token.value) for token in found if token.negative}
        return cls(frozenset(forms), tuple(token.value for token in found))

    def has(self, value: Decimal) -> bool:
        """Whether `value` occurs with the same digits and decimals."""
        return printed(value) in self.forms

    def near(self, value: Decimal, *, rescaled: bool = False) -> Decimal | None:
        """A printed number that is `value` written with other decimals (86.20 for 86.2) or, if `rescaled`,
        on the other scale (0.713 for 71.3): what the contributor most likely meant."""
        candidates = (value, value.scaleb(-2), value.scaleb(2)) if rescaled else (value,)
        for candidate in candidates:
            for number in self.values:
                if number == candidate:
                    return number
        return None

    def listing(self, most: int = 12) -> str:
        """The quote's numbers for a hint: '82.9, 89.5, 86.2' (cut after `most`)."""
        shown = [printed(number) for number in self.values[:most]]
        return ", ".join(shown) + (", ..." if len(self.values) > most else "")
