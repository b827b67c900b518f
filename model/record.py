"""Plain classes that compare and print as dataclasses do, for the classes every parse defines.

``dataclasses`` loads ``inspect`` (and with it ``ast``, ``dis``, ``tokenize``):
5 ms of a 70 ms ``parse``, and each class it processes costs 0.7 ms more.  A
``Record`` names its attributes once, in ``__match_args__`` (the order of its
``__init__``'s arguments, as a dataclass sets it), and gets from them what the
program used a dataclass for: equality, a readable repr and ``replace``.
"""

from __future__ import annotations


class Record:
    """Equal to an object of its own class whose attributes are equal; unhashable, as a dataclass is."""

    __slots__ = ()
    __match_args__: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]

    def values(self) -> tuple:
        """The attributes' values, in ``__match_args__`` order."""
        return tuple(getattr(self, name) for name in self.__match_args__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self.values() == other.values()
        return NotImplemented

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__match_args__)
        return f"{type(self).__qualname__}({shown})"

    def replace(self, **changes):
        """A new object with ``changes`` and the rest of this one's attributes (as ``dataclasses.replace``)."""
        return type(self)(**{**dict(zip(self.__match_args__, self.values(), strict=True)), **changes})
