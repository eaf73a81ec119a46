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
_SIGNED = re.compile(r"[-\u2212\u2013](?<!\w.)(\d+(?:\.\d+)?|\.\d+)")
"""A number with a minus sign that is not joined to a word or number before it (same digits as _NUMBER);
the look-behind comes after the sign, so the scan stops only at minus signs."""
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


def _plain(text: str) -> str:
    return html.unescape(text) if "&" in text else text


def tokens(text: str) -> list[Token]:
    """Every number in `text`, in order."""
    plain = _plain(text)
    return [Token(found.group(), _signed(plain, found.start())) for found in _NUMBER.finditer(plain)]


def _signed(text: str, start: int) -> bool:
    """Whether a minus sign, not joined to a word or number before it, stands right before `start`."""
    before = text[start - 2] if start > 1 else ""
    return start > 0 and text[start - 1] in MINUS and not (before.isalnum() or before == "_")


def printed(value: Decimal) -> str:
    """The canonical text of a number: its digits and decimals, no exponent (Decimal('.713') -> '0.713')."""
    return format(value, "f")


def _canonical(digits: str) -> str:
    return "0" + digits if digits.startswith(".") else digits


@dataclass(frozen=True, slots=True)
class Printed:
    """The numbers of one quote, ready for many look-ups.

    Built for the check of every result of a corpus, so it keeps only the set of printed forms (two regular
    expression scans); the numbers themselves are worked out only for a hint, when a value is missing."""

    text: str
    forms: frozenset[str]

    @classmethod
    def of(cls, quote: str) -> Printed:
        """Read the numbers of `quote` once."""
        plain = _plain(quote)
        forms = {_canonical(digits) for digits in _NUMBER.findall(plain)}
        forms.update("-" + _canonical(digits) for digits in _SIGNED.findall(plain))
        return cls(quote, frozenset(forms))

    @property
    def values(self) -> tuple[Decimal, ...]:
        """The numbers in order, signed."""
        return tuple(token.value for token in tokens(self.text))

    def has(self, value: Decimal) -> bool:
        """Whether `value` occurs with the same digits and decimals."""
        return printed(value) in self.forms

    def near(self, value: Decimal, *, rescaled: bool = False) -> Decimal | None:
        """A printed number that is `value` written with other decimals (86.20 for 86.2) or, if `rescaled`,
        on the other scale (0.713 for 71.3): what the contributor most likely meant."""
        candidates = (value, value.scaleb(-2), value.scaleb(2)) if rescaled else (value,)
        numbers = self.values
        for candidate in candidates:
            for number in numbers:
                if number == candidate:
                    return number
        return None

    def listing(self, most: int = 12) -> str:
        """The quote's numbers for a hint: '82.9, 89.5, 86.2' (cut after `most`)."""
        numbers = self.values
        shown = [printed(number) for number in numbers[:most]]
        return ", ".join(shown) + (", ..." if len(numbers) > most else "")
