"""The kinds of problem found in the honours data (all are SiteError, collected and raised once)."""

from plugins.vietnamese.errors import SiteError, SiteErrors


class HonoursError(SiteError):
    """A problem in content/honours/."""


class DataSyntaxError(HonoursError):
    """A YAML file that cannot be parsed."""


class MissingFieldError(HonoursError):
    """A required field (or annex column, or name) is missing or empty."""


class InvalidValueError(HonoursError):
    """A value of the wrong shape: a malformed date, a bad id, a list where text belongs."""


class UnknownIdError(HonoursError):
    """A reference to a unit, honour, bloc or kind that the data does not define."""


class DuplicateError(HonoursError):
    """The same id, decision number or key twice."""


class RecipientKindError(HonoursError):
    """A collective honour given to an individual, or the reverse."""


class UnitLifespanError(HonoursError):
    """An honour given to a unit that did not exist on that date (dissolved or not yet formed)."""


class BlocError(HonoursError):
    """A bloc year whose leader, deputy, ranking or nominee is not a member."""


class AnnexError(HonoursError):
    """An annex spreadsheet that cannot be read: encoding, columns, sections."""


class ArticleReferenceError(HonoursError):
    """Article metadata (Units, Bloc, Decisions) naming something the data does not define."""


__all__ = [
    "AnnexError",
    "ArticleReferenceError",
    "BlocError",
    "DataSyntaxError",
    "DuplicateError",
    "HonoursError",
    "InvalidValueError",
    "MissingFieldError",
    "RecipientKindError",
    "SiteError",
    "SiteErrors",
    "UnitLifespanError",
    "UnknownIdError",
]
