"""One catalogue of the errors Marsad raises; the CLI and the server turn them into exit codes."""
from __future__ import annotations


class MarsadError(Exception):
    """Base of every error Marsad raises on purpose; its message names the offending input."""

    code = "E000"

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class InputError(MarsadError):
    """The input cannot be read as a news document."""

    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class EncodingUndetected(InputError):
    code = "E103"


class InputTooLarge(InputError):
    code = "E104"


class NotAFile(InputError):
    code = "E105"


class NoText(InputError):
    """The input decoded, but no article text was found in it."""

    code = "E106"


class BadBatchLine(InputError):
    code = "E110"


class DataFileError(MarsadError):
    """A data file shipped in the package breaks its documented format."""

    code = "E300"
