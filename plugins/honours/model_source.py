"""Where a record of the honours data was written (file, line): shown in error messages.

Pure Python. Every record of the model (model_vocabulary, model_units, model_blocs,
model_decisions) and of plugins/notices carries one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Source:
    """Where a piece of data was written: shown in error messages."""

    file: str
    line: int | None = None
